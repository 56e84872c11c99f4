package io.synod.chain.bitcoin;

import java.util.List;
import java.util.Map;

/** The outcome of one {@link ChainFollower#poll}: the tip, new confirmations, rollbacks and pending payments. */
public record FollowerReport(BlockRef tip, List<Payment> confirmed, List<Payment> rolledBack,
        Map<Outpoint, Integer> pendingConfirmations) {
}
