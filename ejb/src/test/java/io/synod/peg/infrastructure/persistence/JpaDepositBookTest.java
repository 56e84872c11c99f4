package io.synod.peg.infrastructure.persistence;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.DepositBookContract;

/** The deposit book contract against PostgreSQL, each call in its own transaction as an EJB would run it. */
class JpaDepositBookTest extends DepositBookContract {

    @RegisterExtension
    static final PegDatabaseExtension DATABASE = new PegDatabaseExtension();

    private PegDatabase.Units units;

    @Override
    protected DepositBook book() {
        units = DATABASE.fresh();
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
