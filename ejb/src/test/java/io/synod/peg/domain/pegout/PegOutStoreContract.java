package io.synod.peg.domain.pegout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.synod.shared.domain.Satoshis;

/** What every {@link PegOutStore} must do; one subclass per implementation, each on a fresh store. */
public abstract class PegOutStoreContract {

    protected abstract PegOutStore store();

    static RedemptionRequest request(long seq, String blockHash) {
        return new RedemptionRequest(seq, "0x" + "ab".repeat(20), Satoshis.of(10_000 * seq),
                new byte[] {0x00, 0x14, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, (byte) seq},
                100 + seq, blockHash, "0x" + "cd".repeat(32));
    }

    static String hash(int i) {
        return "0x" + String.format("%064x", i);
    }

    @Test
    void aRequestIsRecordedOnceUnderItsSequenceAndAConflictingOneIsRefused() {
        PegOutStore s = store();
        assertThat(s.addRequested(request(1, hash(1)))).isTrue();
        assertThat(s.addRequested(request(1, hash(1)))).isFalse();
        assertThatThrownBy(() -> s.addRequested(request(1, hash(2)))).isInstanceOf(IllegalStateException.class);
        assertThat(s.redemption(1)).hasValue(TrackedRedemption.requested(request(1, hash(1))));
        assertThat(s.redemption(2)).isEmpty();
    }

    @Test
    void anOrphanedBlockTakesOnlyItsStillRequestedRedemptions() {
        PegOutStore s = store();
        s.addRequested(request(1, hash(7)));
        s.addRequested(request(2, hash(7)));
        s.addRequested(request(3, hash(8)));
        s.update(s.redemption(2).orElseThrow().with(RedemptionStatus.QUEUED));
        assertThat(s.dropRequestedIn(hash(7))).containsExactly(1L);
        assertThat(s.redemption(1)).isEmpty();
        assertThat(s.redemption(2).orElseThrow().status()).isEqualTo(RedemptionStatus.QUEUED);
        assertThat(s.redemption(3)).isPresent();
    }

    @Test
    void statusesLimitsBatchAndReleaseRoundTripAndListInSequenceOrder() {
        PegOutStore s = store();
        for (long seq : new long[] {5, 2, 9}) {
            s.addRequested(request(seq, hash(1)));
        }
        s.update(s.redemption(9).orElseThrow().waiting(LimitReason.ROLLING_CAP));
        s.update(s.redemption(2).orElseThrow().waiting(LimitReason.OVER_MAXIMUM).released());
        s.update(s.redemption(5).orElseThrow().with(RedemptionStatus.QUEUED));
        assertThat(s.redemptions(Set.of(RedemptionStatus.QUEUED, RedemptionStatus.QUEUED_BY_LIMIT)))
                .extracting(TrackedRedemption::sequence).containsExactly(2L, 5L, 9L);
        TrackedRedemption two = s.redemption(2).orElseThrow();
        assertThat(two.limitReason()).isEqualTo(LimitReason.OVER_MAXIMUM);
        assertThat(two.oversizeReleased()).isTrue();
        assertThat(s.redemptions(Set.of(RedemptionStatus.COMPLETED))).isEmpty();

        PayoutBatch b = PayoutBatch.built(s.nextBatchId(), 1500, 1000, List.of(5L), Satoshis.of(50_000),
                new byte[] {1, 2, 3}, "aa".repeat(32), 141);
        s.saveBatch(b);
        s.update(s.redemption(5).orElseThrow().inBatch(b.id()));
        assertThat(s.redemption(5).orElseThrow().batchId()).hasValue(b.id());
        assertThat(s.redemption(5).orElseThrow().status()).isEqualTo(RedemptionStatus.BATCHED);
        assertThatThrownBy(() -> s.update(TrackedRedemption.requested(request(77, hash(1)))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void batchesRoundTripThroughEveryStageWithTheirBumps() {
        PegOutStore s = store();
        s.addRequested(request(1, hash(1)));
        s.addRequested(request(2, hash(1)));
        assertThat(s.nextBatchId()).isEqualTo(1);
        PayoutBatch b = PayoutBatch.built(1, 1500, 1000, List.of(1L, 2L), Satoshis.of(30_000), new byte[] {9, 9},
                "bb".repeat(32), 200);
        s.saveBatch(b);
        assertThat(s.nextBatchId()).isEqualTo(2);
        PayoutBatch signed = b.signed(new byte[] {9, 9, 7}).broadcastAt(1501);
        s.saveBatch(signed);
        FeeBump bump = new FeeBump(1, 4000, new byte[] {4}, Optional.empty(), "cc".repeat(32), 500, -1);
        s.saveBatch(signed.withBump(bump));
        s.saveBatch(signed.withBump(bump.signed(new byte[] {4, 4}).broadcastAt(1503)));
        PayoutBatch loaded = s.batch(1).orElseThrow();
        assertThat(loaded.state()).isEqualTo(BatchState.BROADCAST);
        assertThat(loaded.signedTx()).hasValueSatisfying(t -> assertThat(t).containsExactly(9, 9, 7));
        assertThat(loaded.sequences()).containsExactly(1L, 2L);
        assertThat(loaded.bumps()).singleElement().satisfies(f -> {
            assertThat(f.signedTx()).hasValueSatisfying(t -> assertThat(t).containsExactly(4, 4));
            assertThat(f.broadcastHeight()).isEqualTo(1503);
            assertThat(f.fee()).isEqualTo(500);
        });
        s.saveBatch(loaded.confirmedIn("dd".repeat(32), 1504));
        assertThat(s.batches(EnumSet.of(BatchState.BUILT, BatchState.SIGNED, BatchState.BROADCAST))).isEmpty();
        PayoutBatch confirmed = s.batches(EnumSet.of(BatchState.CONFIRMED)).get(0);
        assertThat(confirmed.confirmedBlock()).hasValue("dd".repeat(32));
        assertThat(confirmed.confirmedHeight()).isEqualTo(1504);
        assertThat(confirmed.total()).isEqualTo(Satoshis.of(30_000));
        assertThat(confirmed.txid()).isEqualTo("bb".repeat(32));
        assertThat(s.batch(2)).isEmpty();
    }

    @Test
    void aBatchIsSupersededUnsignedRedatedAndRevivedFromTheChainsBytesWithItsRedemptionsRebound() {
        PegOutStore s = store();
        s.addRequested(request(3, hash(1)));
        s.update(s.redemption(3).orElseThrow().with(RedemptionStatus.QUEUED));
        PayoutBatch stale = PayoutBatch.built(PayoutBatch.idFor("ee".repeat(32)), 1500, 1000, List.of(3L),
                Satoshis.of(30_000), new byte[] {5, 5}, "ee".repeat(32), 200);
        s.saveBatch(stale);
        s.update(s.redemption(3).orElseThrow().inBatch(stale.id()));
        s.saveBatch(stale.redatedAt(1504));
        assertThat(s.batch(stale.id()).orElseThrow().createdHeight()).isEqualTo(1504);

        PayoutBatch rebuild = PayoutBatch.built(PayoutBatch.idFor("ff".repeat(32)), 1505, 2000, List.of(3L),
                Satoshis.of(30_000), new byte[] {6, 6}, "ff".repeat(32), 400);
        assertThat(rebuild.id()).isNotEqualTo(stale.id()).isPositive();
        s.saveBatch(rebuild);
        s.update(s.redemption(3).orElseThrow().inBatch(rebuild.id()));
        s.saveBatch(s.batch(stale.id()).orElseThrow().superseded());
        assertThat(s.batches(EnumSet.of(BatchState.SUPERSEDED))).singleElement()
                .satisfies(b -> assertThat(b.signedTx()).as("superseded unsigned").isEmpty());
        assertThat(s.batches(EnumSet.of(BatchState.BUILT))).extracting(PayoutBatch::id).containsExactly(rebuild.id());

        // The stale batch reached the chain after all: revived with the chain's bytes, the rebuild superseded.
        s.saveBatch(rebuild.superseded());
        s.saveBatch(s.batch(stale.id()).orElseThrow().revived(new byte[] {5, 5, 1}, 1506));
        s.update(s.redemption(3).orElseThrow().inBatch(stale.id()));
        PayoutBatch revived = s.batch(stale.id()).orElseThrow();
        assertThat(revived.state()).isEqualTo(BatchState.BROADCAST);
        assertThat(revived.signedTx()).hasValueSatisfying(t -> assertThat(t).containsExactly(5, 5, 1));
        assertThat(revived.broadcastHeight()).isEqualTo(1506);
        assertThat(s.redemption(3).orElseThrow().batchId()).hasValue(stale.id());
        assertThat(s.batch(rebuild.id()).orElseThrow().state()).isEqualTo(BatchState.SUPERSEDED);

        // A batch that can never confirm gives its redemption back to the queue, bound to nothing.
        s.update(s.redemption(3).orElseThrow().unbound());
        assertThat(s.redemption(3).orElseThrow().batchId()).isEmpty();
        assertThat(s.redemption(3).orElseThrow().status()).isEqualTo(RedemptionStatus.QUEUED);
    }
}
