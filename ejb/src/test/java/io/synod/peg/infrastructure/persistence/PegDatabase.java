package io.synod.peg.infrastructure.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;

import org.hibernate.cfg.Configuration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (embedded binaries) with one fresh database per call to {@link #fresh}, migrated by the
 * application's own Flyway integrator and mapped by Hibernate with schema validation, as in the server.
 */
public final class PegDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final AtomicInteger databases = new AtomicInteger();

    public PegDatabase() throws java.io.IOException {
        this.postgres = EmbeddedPostgres.builder().start();
    }

    /** A new migrated database and its entity manager factory (closed by the caller). */
    public Units fresh() throws SQLException {
        String name = "peg_" + databases.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return open(postgres.getDatabase("postgres", name));
    }

    /** A new entity manager factory over an existing database (a restarted process opening its database again). */
    public Units open(DataSource ds) {
        Configuration cfg = new Configuration()
                .addAnnotatedClass(LedgerEntryEntity.class)
                .addAnnotatedClass(LedgerPostingRow.class)
                .addAnnotatedClass(PegInRevealEntity.class)
                .addAnnotatedClass(PegInDepositEntity.class);
        cfg.getProperties().put("hibernate.connection.datasource", ds);
        cfg.setProperty("hibernate.hbm2ddl.auto", "validate");
        cfg.setProperty("hibernate.dialect", "org.hibernate.dialect.PostgreSQLDialect");
        cfg.setProperty("hibernate.jdbc.time_zone", "UTC");
        return new Units(cfg.buildSessionFactory(), ds);
    }

    @Override
    public void close() throws java.io.IOException {
        postgres.close();
    }

    /** One database: an entity manager factory over it, and each unit of work in its own transaction. */
    public record Units(EntityManagerFactory emf, DataSource dataSource) implements AutoCloseable {

        public <T> T inTransaction(Function<EntityManager, T> work) {
            EntityManager em = emf.createEntityManager();
            EntityTransaction tx = em.getTransaction();
            tx.begin();
            try {
                T result = work.apply(em);
                tx.commit();
                return result;
            } catch (RuntimeException e) {
                if (tx.isActive()) {
                    tx.rollback();
                }
                throw e;
            } finally {
                em.close();
            }
        }

        @Override
        public void close() {
            emf.close();
        }
    }
}
