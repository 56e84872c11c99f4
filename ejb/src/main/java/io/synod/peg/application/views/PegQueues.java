package io.synod.peg.application.views;

import java.util.List;

/**
 * What waits and why: deposits held back by the one-way-bet guard (until stake grows), redemptions held back by a
 * withdrawal limit (until the window allows or an operator releases an oversize one), and confirmed payments to
 * deposit scripts that will never be minted (to be refunded by group decision or by the depositor's refund branch).
 * Each list in queue order.
 */
public record PegQueues(List<DepositView> guardQueue, List<RedemptionView> limitQueue,
        List<DepositView> nonQualifying) {

    public PegQueues {
        guardQueue = List.copyOf(guardQueue);
        limitQueue = List.copyOf(limitQueue);
        nonQualifying = List.copyOf(nonQualifying);
    }
}
