package io.synod.peg.domain.pegout;

import java.util.Objects;
import java.util.OptionalLong;

/** A redemption and where it stands: its status, why it waits, the batch paying it, an operator's release. */
public record TrackedRedemption(RedemptionRequest request, RedemptionStatus status, LimitReason limitReason,
        OptionalLong batchId, boolean oversizeReleased) {

    public TrackedRedemption {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(limitReason, "limitReason");
        Objects.requireNonNull(batchId, "batchId");
        if ((status == RedemptionStatus.QUEUED_BY_LIMIT) == (limitReason == LimitReason.NONE)) {
            throw new IllegalArgumentException("a limit reason goes with QUEUED_BY_LIMIT only: " + status + "/" + limitReason);
        }
    }

    public static TrackedRedemption requested(RedemptionRequest r) {
        return new TrackedRedemption(r, RedemptionStatus.REQUESTED, LimitReason.NONE, OptionalLong.empty(), false);
    }

    public long sequence() {
        return request.sequence();
    }

    public TrackedRedemption with(RedemptionStatus s) {
        return new TrackedRedemption(request, s, LimitReason.NONE, batchId, oversizeReleased);
    }

    public TrackedRedemption waiting(LimitReason reason) {
        return reason == LimitReason.NONE ? with(RedemptionStatus.QUEUED)
                : new TrackedRedemption(request, RedemptionStatus.QUEUED_BY_LIMIT, reason, batchId, oversizeReleased);
    }

    public TrackedRedemption inBatch(long id) {
        return new TrackedRedemption(request, RedemptionStatus.BATCHED, LimitReason.NONE, OptionalLong.of(id),
                oversizeReleased);
    }

    /**
     * Back in the queue, bound to no batch: its batch can provably never confirm (an input spent in a block by another
     * transaction). It keeps its place (the queue is in sequence order).
     */
    public TrackedRedemption unbound() {
        return new TrackedRedemption(request, RedemptionStatus.QUEUED, LimitReason.NONE, OptionalLong.empty(),
                oversizeReleased);
    }

    public TrackedRedemption released() {
        return new TrackedRedemption(request, status, limitReason, batchId, true);
    }
}
