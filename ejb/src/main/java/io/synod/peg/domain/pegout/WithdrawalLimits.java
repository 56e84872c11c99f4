package io.synod.peg.domain.pegout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.synod.shared.domain.Satoshis;

/**
 * The peg-out limits: at most {@code maxPerRedemption} per redemption, at most {@code rollingCap} paid in batches
 * created within any {@code windowBlocks} consecutive Bitcoin blocks, at most {@code maxBatchSize} redemptions per
 * payout transaction. {@code maxBatchSize} is at most {@link CompletionAction#MAX_SEQUENCES}: a payout is recorded
 * on the sidechain by one completion, and the contract takes no longer list.
 *
 * <p>The queue is strict: redemptions are paid in sequence order, and once one does not fit the window the ones after
 * it wait too (a large redemption is not overtaken forever by small ones). A redemption above the per-redemption
 * maximum cannot be refused (its coins are already burned): it is set aside with {@link LimitReason#OVER_MAXIMUM},
 * without blocking the others, until an operator releases it; released, it is paid when the window allows, alone in
 * an empty window if it is larger than the whole cap.
 */
public record WithdrawalLimits(Satoshis maxPerRedemption, Satoshis rollingCap, int windowBlocks, int maxBatchSize) {

    public WithdrawalLimits {
        if (maxPerRedemption == null || rollingCap == null || maxPerRedemption.value() == 0
                || maxPerRedemption.compareTo(rollingCap) > 0) {
            throw new IllegalArgumentException("need 0 < maxPerRedemption <= rollingCap");
        }
        if (windowBlocks < 1 || maxBatchSize < 1) {
            throw new IllegalArgumentException("window and batch size are at least 1");
        }
        if (maxBatchSize > CompletionAction.MAX_SEQUENCES) {
            throw new IllegalArgumentException("batch size " + maxBatchSize + " is above " + CompletionAction.MAX_SEQUENCES
                    + ", the most redemptions one sidechain completion records");
        }
    }

    /** What the queue allows now: the redemptions to batch, in order, and the reason each other one waits. */
    public record Admission(List<TrackedRedemption> batch, Map<Long, LimitReason> waiting) {

        public Admission {
            batch = List.copyOf(batch);
            waiting = Map.copyOf(waiting);
        }
    }

    /**
     * @param queue the final redemptions not yet batched, in sequence order
     * @param usedInWindow the total of batches created within the last {@code windowBlocks} blocks
     */
    public Admission admit(List<TrackedRedemption> queue, Satoshis usedInWindow) {
        List<TrackedRedemption> batch = new ArrayList<>();
        Map<Long, LimitReason> waiting = new LinkedHashMap<>();
        long used = usedInWindow.value();
        boolean blocked = false;
        for (TrackedRedemption r : queue) {
            long amount = r.request().amount().value();
            if (amount > maxPerRedemption.value() && !r.oversizeReleased()) {
                waiting.put(r.sequence(), LimitReason.OVER_MAXIMUM);
                continue;
            }
            if (blocked) {
                waiting.put(r.sequence(), LimitReason.ROLLING_CAP);
                continue;
            }
            if (batch.size() >= maxBatchSize) {
                waiting.put(r.sequence(), LimitReason.NONE);
                continue;
            }
            boolean fits = used + amount <= rollingCap.value();
            boolean aloneInEmptyWindow = amount > rollingCap.value() && used == 0 && batch.isEmpty();
            if (fits || aloneInEmptyWindow) {
                batch.add(r);
                used += amount;
                blocked = aloneInEmptyWindow;
            } else {
                waiting.put(r.sequence(), LimitReason.ROLLING_CAP);
                blocked = true;
            }
        }
        return new Admission(batch, waiting);
    }

    /** Whether a batch created at {@code createdHeight} still counts against the window at {@code tip}. */
    public boolean inWindow(long createdHeight, long tip) {
        return createdHeight > tip - windowBlocks;
    }
}
