package io.synod.platform.infrastructure.persistence;

import java.util.logging.Logger;

import javax.sql.DataSource;

import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;

import io.synod.db.SchemaMigrator;

/**
 * Hibernate calls integrators while it builds the session factory, before it validates the schema;
 * migrating here means an empty or older database reaches the current schema before validation, and
 * Hibernate itself never changes the schema.
 */
public class MigrateBeforeValidation implements Integrator {

    private static final Logger LOG = Logger.getLogger(MigrateBeforeValidation.class.getName());

    @Override
    public void integrate(Metadata metadata, BootstrapContext bootstrapContext, SessionFactoryImplementor sessionFactory) {
        DataSource dataSource = sessionFactory.getServiceRegistry().getService(ConnectionProvider.class).unwrap(DataSource.class);
        SchemaMigrator.MigrationOutcome outcome = new SchemaMigrator(dataSource).migrate();
        LOG.info(() -> "Synod schema at version " + outcome.version() + " (" + outcome.applied() + " of "
                + outcome.known() + " migrations applied now)");
    }

    @Override
    public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
        // nothing to release
    }
}
