package io.synod.peg.application.views;

import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.shared.domain.Satoshis;

/**
 * A deposit outpoint that waits or will never be minted: where it is, its amount, the sidechain recipient its script
 * names, the block that confirmed it, and why ({@code reason} is null for a deposit that only waits for the guard).
 */
public record DepositView(String outpoint, Satoshis amount, String recipient, long confirmedHeight,
        String confirmedBlock, PegInState state, NonQualifyingReason reason, String note) {

    /** Why a confirmed payment to a deposit script is not minted. */
    public enum NonQualifyingReason {
        BELOW_MINIMUM, ABOVE_MAXIMUM, TOO_CLOSE_TO_REFUND
    }

    static DepositView of(PegInDeposit d, io.synod.chain.bitcoin.Satoshis minDeposit) {
        NonQualifyingReason reason = null;
        if (d.state() == PegInState.TOO_LATE) {
            reason = NonQualifyingReason.TOO_CLOSE_TO_REFUND;
        } else if (d.state() == PegInState.NON_QUALIFYING) {
            reason = d.amount().compareTo(minDeposit) < 0 ? NonQualifyingReason.BELOW_MINIMUM
                    : NonQualifyingReason.ABOVE_MAXIMUM;
        }
        return new DepositView(d.outpoint().toString(), Satoshis.of(d.amount().value()),
                d.reveal().terms().recipient().toString(), d.block().height().value(), d.block().hash().toString(),
                d.state(), reason, d.note() == null ? "" : d.note());
    }
}
