package io.synod.membership.infrastructure.persistence;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;

import org.hibernate.cfg.AvailableSettings;
import org.hibernate.cfg.Configuration;

import io.synod.db.SchemaMigrator;
import io.synod.membership.domain.MembershipBook;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL (embedded binaries): fresh databases migrated by the server's own Flyway migrator, and
 * Hibernate validating the membership mapping against them. {@link #book} opens a book as the server would run it,
 * each call in its own transaction, over a new entity manager factory (so opening it again is a restart).
 */
final class MembershipDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;
    private final AtomicInteger databases = new AtomicInteger();
    private final List<EntityManagerFactory> open = new ArrayList<>();

    MembershipDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    DataSource fresh() throws Exception {
        String name = "membership_" + databases.incrementAndGet();
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        DataSource ds = postgres.getDatabase("postgres", name);
        new SchemaMigrator(ds).migrate();
        return ds;
    }

    /** A book over {@code ds} through a new entity manager factory, each call in its own transaction. */
    MembershipBook book(DataSource ds) {
        Properties p = new Properties();
        p.put(AvailableSettings.JAKARTA_NON_JTA_DATASOURCE, ds);
        p.put(AvailableSettings.HBM2DDL_AUTO, "validate");
        p.put(AvailableSettings.JDBC_TIME_ZONE, "UTC");
        EntityManagerFactory emf = new Configuration().addProperties(p)
                .addAnnotatedClass(StakeRefusalEntity.class).addAnnotatedClass(ConvictionEntity.class)
                .addAnnotatedClass(FalseAccusationEntity.class).addAnnotatedClass(ExclusionEntity.class)
                .addAnnotatedClass(ConfiscationEntity.class).addAnnotatedClass(DeadlineSessionEntity.class)
                .addAnnotatedClass(DeadlineTallyEntity.class).buildSessionFactory();
        open.add(emf);
        return (MembershipBook) Proxy.newProxyInstance(MembershipBook.class.getClassLoader(),
                new Class<?>[] {MembershipBook.class}, (proxy, method, args) -> {
                    EntityManager em = emf.createEntityManager();
                    try {
                        em.getTransaction().begin();
                        Object out = method.invoke(new JpaMembershipBook(em), args);
                        em.getTransaction().commit();
                        return out;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    } finally {
                        if (em.getTransaction().isActive()) {
                            em.getTransaction().rollback();
                        }
                        em.close();
                    }
                });
    }

    /** Closes the factories opened so far (after each test). */
    void closeBooks() {
        open.forEach(EntityManagerFactory::close);
        open.clear();
    }

    @Override
    public void close() throws Exception {
        closeBooks();
        postgres.close();
    }
}
