package io.synod.platform.infrastructure.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import io.synod.platform.application.ReadinessCheck;

/** The node is not ready while its database does not answer. */
@ApplicationScoped
public class DatabaseReadiness implements ReadinessCheck {

    private static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = "java:jboss/datasources/SynodDS")
    private DataSource dataSource;

    @Override
    public String name() {
        return "database";
    }

    @Override
    public Optional<String> problem() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(TIMEOUT_SECONDS) ? Optional.empty() : Optional.of("database did not answer within " + TIMEOUT_SECONDS + " s");
        } catch (SQLException e) {
            return Optional.of("database unreachable (check synod.db.url): " + e.getClass().getSimpleName());
        }
    }
}
