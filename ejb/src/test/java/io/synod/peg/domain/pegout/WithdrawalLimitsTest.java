package io.synod.peg.domain.pegout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.synod.shared.domain.Satoshis;

class WithdrawalLimitsTest {

    private final WithdrawalLimits limits = new WithdrawalLimits(Satoshis.of(500), Satoshis.of(1_000), 6, 3);

    private static TrackedRedemption queued(long seq, long amount) {
        RedemptionRequest r = new RedemptionRequest(seq, "0x" + "11".repeat(20), Satoshis.of(amount),
                new byte[] {0x00, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 1, "0x" + "22".repeat(32),
                "0x" + "33".repeat(32));
        return TrackedRedemption.requested(r).with(RedemptionStatus.QUEUED);
    }

    @Test
    void paysInOrderUntilTheWindowIsFullThenHoldsEveryLaterOne() {
        var a = limits.admit(List.of(queued(1, 400), queued(2, 400), queued(3, 300), queued(4, 10)), Satoshis.of(100));
        assertThat(a.batch()).extracting(TrackedRedemption::sequence).containsExactly(1L, 2L);
        assertThat(a.waiting()).isEqualTo(Map.of(3L, LimitReason.ROLLING_CAP, 4L, LimitReason.ROLLING_CAP));
    }

    @Test
    void anOversizeRedemptionIsSetAsideWithoutBlockingAndOnceReleasedIsPaidAloneInAnEmptyWindow() {
        TrackedRedemption big = queued(1, 1_500);
        var held = limits.admit(List.of(big, queued(2, 200)), Satoshis.ZERO);
        assertThat(held.batch()).extracting(TrackedRedemption::sequence).containsExactly(2L);
        assertThat(held.waiting()).containsEntry(1L, LimitReason.OVER_MAXIMUM);

        TrackedRedemption released = big.released();
        assertThat(limits.admit(List.of(released, queued(2, 200)), Satoshis.of(1)).waiting())
                .as("not alone in an empty window").containsEntry(1L, LimitReason.ROLLING_CAP)
                .containsEntry(2L, LimitReason.ROLLING_CAP);
        var alone = limits.admit(List.of(released, queued(2, 200)), Satoshis.ZERO);
        assertThat(alone.batch()).extracting(TrackedRedemption::sequence).containsExactly(1L);
        assertThat(alone.waiting()).containsEntry(2L, LimitReason.ROLLING_CAP);
    }

    @Test
    void aFullBatchLeavesTheRestQueuedWithoutALimitAndTheWindowSlides() {
        var a = limits.admit(List.of(queued(1, 10), queued(2, 10), queued(3, 10), queued(4, 10)), Satoshis.ZERO);
        assertThat(a.batch()).hasSize(3);
        assertThat(a.waiting()).isEqualTo(Map.of(4L, LimitReason.NONE));
        assertThat(limits.inWindow(95, 100)).isTrue();
        assertThat(limits.inWindow(94, 100)).isFalse();
        assertThatThrownBy(() -> new WithdrawalLimits(Satoshis.of(2_000), Satoshis.of(1_000), 6, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBatchIsNeverLargerThanOneSidechainCompletionRecords() {
        assertThat(new WithdrawalLimits(Satoshis.of(500), Satoshis.of(1_000), 6, CompletionAction.MAX_SEQUENCES)
                .maxBatchSize()).isEqualTo(128);
        assertThatThrownBy(() -> new WithdrawalLimits(Satoshis.of(500), Satoshis.of(1_000), 6,
                CompletionAction.MAX_SEQUENCES + 1)).hasMessageContaining("sidechain completion");
    }
}
