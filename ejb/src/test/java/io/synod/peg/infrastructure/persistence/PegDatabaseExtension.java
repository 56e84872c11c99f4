package io.synod.peg.infrastructure.persistence;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link PegDatabase} per test class (register it as a static field), a fresh migrated database per
 * {@link #fresh()} call, and every database's entity manager factory closed after its test.
 */
public final class PegDatabaseExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private PegDatabase database;
    private final List<PegDatabase.Units> open = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        database = new PegDatabase();
    }

    /** A new migrated database for the running test. */
    public PegDatabase.Units fresh() {
        try {
            PegDatabase.Units units = database.fresh();
            open.add(units);
            return units;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        open.forEach(PegDatabase.Units::close);
        open.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        database.close();
    }
}
