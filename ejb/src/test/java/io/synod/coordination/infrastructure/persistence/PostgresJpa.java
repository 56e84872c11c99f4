package io.synod.coordination.infrastructure.persistence;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

import io.synod.db.SchemaMigrator;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (embedded binaries), a fresh database migrated by Flyway exactly as the server does, and
 * Hibernate validating the coordination mapping against it: the same schema checks the server runs at start.
 */
final class PostgresJpa implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final EntityManagerFactory emf;
    final DataSource dataSource;

    PostgresJpa() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        String db = "coord_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        dataSource = postgres.getDatabase("postgres", db);
        new SchemaMigrator(dataSource).migrate();
        Properties p = new Properties();
        p.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
        p.put(AvailableSettings.HBM2DDL_AUTO, "validate");
        p.put(AvailableSettings.JDBC_TIME_ZONE, "UTC");
        Configuration cfg = new Configuration().addProperties(p)
                .addAnnotatedClass(SessionCheckpointEntity.class).addAnnotatedClass(BoardCursorEntity.class)
                .addAnnotatedClass(SealedKeyShareEntity.class).addAnnotatedClass(NodeSecretEntity.class);
        emf = cfg.buildSessionFactory();
    }

    /** Runs {@code work} in its own transaction, as the container's bean does for each store call. */
    <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = emf.createEntityManager();
        try {
            em.getTransaction().begin();
            T out = work.apply(em);
            em.getTransaction().commit();
            return out;
        } catch (RuntimeException e) {
            if (em.getTransaction().isActive()) {
                em.getTransaction().rollback();
            }
            throw e;
        } finally {
            em.close();
        }
    }

    @Override
    public void close() throws Exception {
        emf.close();
        postgres.close();
    }
}
