package io.synod.peg.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.LedgerContract;
import io.synod.peg.domain.ledger.LedgerEntry;
import io.synod.shared.domain.Satoshis;

/** The ledger contract against PostgreSQL, each call in its own transaction as an EJB would run it. */
class JpaLedgerTest extends LedgerContract {

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
    protected Ledger ledger() {
        try {
            units = database.fresh();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Transactional.ledger(units);
    }

    @Test
    void theTablesRefuseUpdatesAndDeletes() throws Exception {
        ledger().record(new LedgerEntry("deposit:ee:0", io.synod.peg.domain.ledger.EntryKind.DEPOSIT_CONFIRMED,
                java.util.List.of(io.synod.peg.domain.ledger.Posting.debit(Account.BTC_DEPOSITS_UNSWEPT, Satoshis.of(5)),
                        io.synod.peg.domain.ledger.Posting.credit(Account.USERS_DEPOSITED, Satoshis.of(5))), "block 03@3"));
        try (Connection c = units.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("UPDATE ledger_posting SET amount_sats = 6"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            assertThatThrownBy(() -> s.execute("DELETE FROM ledger_entry"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        }
    }
}
