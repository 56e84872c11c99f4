package io.synod.peg.infrastructure.persistence;

import java.sql.SQLException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.DepositBookContract;

/** The deposit book contract against PostgreSQL, each call in its own transaction as an EJB would run it. */
class JpaDepositBookTest extends DepositBookContract {

    private static PegDatabase database;
    private PegDatabase.Units units;

    @BeforeAll
    static void start() throws Exception {
        database = new PegDatabase();
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @AfterEach
    void closeUnits() {
        if (units != null) {
            units.close();
        }
    }

    @Override
    protected DepositBook book() {
        try {
            units = database.fresh();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return transactional(units);
    }

    @Override
    protected DepositBook reopened() {
        return transactional(units);
    }

    private static DepositBook transactional(PegDatabase.Units u) {
        return Transactional.book(u, GROUP_KEY);
    }
}
