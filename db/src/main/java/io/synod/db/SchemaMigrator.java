package io.synod.db;

import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies every pending migration to the given database. Safe to call at every start: a database
 * already at the current version is left untouched, an older one is upgraded in order.
 */
public final class SchemaMigrator {

    private final DataSource dataSource;

    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /** Migrates and returns the schema version now in place. */
    public MigrationOutcome migrate() {
        ClassLoader loader = SchemaMigrator.class.getClassLoader();
        IndexedMigrationResources resources = new IndexedMigrationResources(loader);
        Flyway flyway = Flyway.configure(loader)
                .dataSource(dataSource)
                .resourceProvider(resources)
                .javaMigrationClassProvider(List::of)
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .failOnMissingLocations(false)
                .load();
        MigrateResult result = flyway.migrate();
        String version = flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
        return new MigrationOutcome(result.migrationsExecuted, version, resources.names().size());
    }

    /**
     * @param applied migrations executed by this call
     * @param version schema version in place afterwards
     * @param known   migrations shipped with this build
     */
    public record MigrationOutcome(int applied, String version, int known) {
    }
}
