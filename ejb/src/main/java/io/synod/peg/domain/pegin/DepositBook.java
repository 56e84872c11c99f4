package io.synod.peg.domain.pegin;

import java.util.List;
import java.util.Optional;

import io.synod.chain.bitcoin.Outpoint;

/**
 * This member's persisted peg-in state: revealed scripts and deposit records keyed by outpoint. {@link #save}
 * replaces the record of that outpoint; each call is durable when it returns, so a restarted member resumes
 * from the last transition it saved.
 */
public interface DepositBook {

    /** @return false if this reveal id was already known */
    boolean addReveal(RevealedDeposit reveal);

    List<RevealedDeposit> reveals();

    Optional<PegInDeposit> find(Outpoint outpoint);

    void save(PegInDeposit deposit);

    /** Every deposit in the order first saved. */
    List<PegInDeposit> deposits();
}
