package io.synod.peg.infrastructure.persistence;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.LedgerContract;
import io.synod.peg.domain.ledger.LedgerEntry;
import io.synod.shared.domain.Satoshis;

/** The ledger contract against PostgreSQL, each call in its own transaction as an EJB would run it. */
class JpaLedgerTest extends LedgerContract {

    @RegisterExtension
    static final PegDatabaseExtension DATABASE = new PegDatabaseExtension();

    private PegDatabase.Units units;

    @Override
    protected Ledger ledger() {
        units = DATABASE.fresh();
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
