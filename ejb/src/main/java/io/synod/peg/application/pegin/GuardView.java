package io.synod.peg.application.pegin;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.OneWayBetGuard;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInSidechain;
import io.synod.peg.domain.pegin.StakeView;
import io.synod.shared.domain.Satoshis;

/**
 * The guard as this member sees it: value held for users = the wrapped supply on the sidechain plus the mints
 * this member has in flight that the sidechain does not show yet. Used by the coordinator to queue, by the
 * verifier to refuse, and by the read API to expose bound, held and headroom.
 */
public final class GuardView {

    private final OneWayBetGuard guard;
    private final StakeView stakes;
    private final DepositBook book;
    private final PegInSidechain sidechain;

    public GuardView(OneWayBetGuard guard, StakeView stakes, DepositBook book, PegInSidechain sidechain) {
        this.guard = guard;
        this.stakes = stakes;
        this.book = book;
        this.sidechain = sidechain;
    }

    public OneWayBetGuard.Status status() {
        return statusExcluding(null);
    }

    /** The status without {@code outpoint}'s own in-flight value (the mint being decided or checked). */
    public OneWayBetGuard.Status statusExcluding(Outpoint outpoint) {
        long held = sidechain.totalSupply().value();
        for (PegInDeposit d : book.deposits()) {
            if (d.state().inFlight() && !d.outpoint().equals(outpoint) && !sidechain.isMinted(d.outpoint())) {
                held = Math.addExact(held, d.amount().value());
            }
        }
        return guard.status(stakes, Satoshis.of(held));
    }

    /** Whether minting {@code amount} more for {@code outpoint} stays within the bound. */
    public boolean admits(Outpoint outpoint, io.synod.chain.bitcoin.Satoshis amount) {
        return statusExcluding(outpoint).admits(Satoshis.of(amount.value()));
    }
}
