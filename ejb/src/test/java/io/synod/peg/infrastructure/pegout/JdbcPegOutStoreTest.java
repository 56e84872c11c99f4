package io.synod.peg.infrastructure.pegout;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.synod.peg.domain.pegout.PayoutBatch;
import io.synod.peg.domain.pegout.PegOutStore;
import io.synod.peg.domain.pegout.PegOutStoreContract;
import io.synod.peg.infrastructure.persistence.PegDatabase;
import io.synod.peg.infrastructure.persistence.PegDatabaseExtension;
import io.synod.shared.domain.Satoshis;

/** The store contract on a real PostgreSQL migrated by the application's migrations (V5__pegout.sql). */
class JdbcPegOutStoreTest extends PegOutStoreContract {

    @RegisterExtension
    static final PegDatabaseExtension DATABASE = new PegDatabaseExtension();

    private PegDatabase.Units units;

    @Override
    protected PegOutStore store() {
        units = DATABASE.fresh();
        return new JdbcPegOutStore(units.dataSource());
    }

    @Test
    void aWrittenPayoutTransactionCannotBeRewritten() {
        PegOutStore s = store();
        PayoutBatch b = PayoutBatch.built(1, 1500, 1000, List.of(1L), Satoshis.of(10_000), new byte[] {1, 2},
                "ee".repeat(32), 100);
        s.saveBatch(b.signed(new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> s.saveBatch(PayoutBatch.built(1, 1500, 1000, List.of(1L), Satoshis.of(10_000),
                new byte[] {6, 6}, "ff".repeat(32), 100))).hasMessageContaining("fixed once written");
    }
}
