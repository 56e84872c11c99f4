package io.synod.it;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The application exactly as built: the EAR the package phase produced. */
final class Deployments {

    private Deployments() {
    }

    static EnterpriseArchive synodEar() {
        return ShrinkWrap.create(ZipImporter.class, "synod.ear")
                .importFrom(new File(System.getProperty("synod.ear"))).as(EnterpriseArchive.class);
    }
}
