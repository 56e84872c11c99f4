package io.synod.peg.infrastructure.persistence;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.DepositBookContract;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.RevealedDeposit;

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

    /** Each call in its own transaction (what the EJB shell's container-managed transactions give). */
    static DepositBook transactional(PegDatabase.Units u) {
        return new DepositBook() {
            private <T> T tx(Function<DepositBook, T> work) {
                return u.inTransaction(em -> work.apply(new JpaDepositBook(em, GROUP_KEY)));
            }

            @Override
            public boolean addReveal(RevealedDeposit reveal) {
                return tx(b -> b.addReveal(reveal));
            }

            @Override
            public List<RevealedDeposit> reveals() {
                return tx(DepositBook::reveals);
            }

            @Override
            public Optional<PegInDeposit> find(Outpoint outpoint) {
                return tx(b -> b.find(outpoint));
            }

            @Override
            public void save(PegInDeposit deposit) {
                tx(b -> {
                    b.save(deposit);
                    return null;
                });
            }

            @Override
            public List<PegInDeposit> deposits() {
                return tx(DepositBook::deposits);
            }
        };
    }
}
