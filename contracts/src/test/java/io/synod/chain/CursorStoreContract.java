package io.synod.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.synod.chain.bitcoin.BlockHash;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.BlockRef;
import io.synod.chain.bitcoin.FollowerCursor;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Payment;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.evm.EvmBlockRef;
import io.synod.chain.evm.EvmCursor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CursorStore} must do, for both followers' cursor types. An implementation's test extends this
 * class (the module's test-jar exports it, e.g. for the EJB layer's JPA store).
 */
public abstract class CursorStoreContract {

    protected abstract <C> CursorStore<C> newStore(Class<C> type);

    /** A second store over the same storage, as after a restart. */
    protected abstract <C> CursorStore<C> reopen(CursorStore<C> store, Class<C> type);

    public static FollowerCursor sampleBitcoinCursor() {
        BlockRef b1 = new BlockRef(BlockHeight.of(1401), new BlockHash("11".repeat(32)));
        BlockRef b2 = new BlockRef(BlockHeight.of(1402), new BlockHash("22".repeat(32)));
        Payment pending = new Payment(new Outpoint(new Txid("aa".repeat(32)), 1), "0014" + "ab".repeat(20),
                Satoshis.of(150_000), b2);
        Payment reported = new Payment(new Outpoint(new Txid("bb".repeat(32)), 0), "0014" + "cd".repeat(20),
                Satoshis.of(2_000_000), b1);
        return new FollowerCursor(List.of(b1, b2), List.of(pending), List.of(reported));
    }

    public static EvmCursor sampleEvmCursor() {
        return new EvmCursor(List.of(new EvmBlockRef(7, "0x" + "ef".repeat(32)), new EvmBlockRef(8, "0x" + "01".repeat(32))));
    }

    @Test
    void anEmptyStoreHasNoCursor() {
        assertThat(newStore(FollowerCursor.class).load()).isEmpty();
    }

    @Test
    void aSavedCursorSurvivesAReopenUnchanged() {
        CursorStore<FollowerCursor> store = newStore(FollowerCursor.class);
        store.save(sampleBitcoinCursor());
        assertThat(reopen(store, FollowerCursor.class).load()).contains(sampleBitcoinCursor());
        CursorStore<EvmCursor> evm = newStore(EvmCursor.class);
        evm.save(sampleEvmCursor());
        assertThat(reopen(evm, EvmCursor.class).load()).contains(sampleEvmCursor());
    }

    @Test
    void theLastSaveWins() {
        CursorStore<EvmCursor> store = newStore(EvmCursor.class);
        store.save(sampleEvmCursor());
        EvmCursor later = new EvmCursor(List.of(new EvmBlockRef(9, "0x" + "99".repeat(32))));
        store.save(later);
        assertThat(reopen(store, EvmCursor.class).load()).contains(later);
    }
}
