package io.synod.cli.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the build puts what the local services run: the EAR, the prepared WildFly and Keycloak. */
public record Distribution(Path repository) {

    public static final String WILDFLY_VERSION = "39.0.1.Final";
    public static final String KEYCLOAK_VERSION = "26.7.3";

    public Path ear() {
        return repository.resolve("ear/target/synod.ear");
    }

    public Path wildflyHome() {
        return repository.resolve("ear/target/wildfly-" + WILDFLY_VERSION);
    }

    public Path keycloakHome() {
        return repository.resolve("ear/target/keycloak-" + KEYCLOAK_VERSION);
    }

    /** True when the build has produced everything a local node needs. */
    public boolean complete() {
        return Files.isRegularFile(ear())
                && Files.isRegularFile(wildflyHome().resolve("modules/org/postgresql/main/module.xml"))
                && Files.isExecutable(keycloakHome().resolve("bin/kc.sh"));
    }
}
