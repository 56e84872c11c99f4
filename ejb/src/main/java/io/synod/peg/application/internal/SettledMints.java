package io.synod.peg.application.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.peg.domain.pegin.RevealedDeposit;

/**
 * The proposer's book as its sweeper sees it: a deposit minted less than {@code grace} ago (by this member's clock,
 * from when it first saw it minted) is not offered for sweeping yet. The other members book a mint a poll or two
 * after the proposer, and a member that has not booked it refuses the sweep input.
 */
final class SettledMints implements DepositBook {

    private final DepositBook book;
    private final Duration grace;
    private final Clock clock;
    private final Map<Outpoint, Instant> firstSeen = new ConcurrentHashMap<>();

    SettledMints(DepositBook book, Duration grace, Clock clock) {
        this.book = book;
        this.grace = grace;
        this.clock = clock;
    }

    @Override
    public List<PegInDeposit> deposits() {
        Instant now = clock.instant();
        return book.deposits().stream().filter(d -> d.state() != PegInState.MINTED || d.sweepTxid() != null
                || !now.isBefore(firstSeen.computeIfAbsent(d.outpoint(), k -> now).plus(grace))).toList();
    }

    @Override
    public boolean addReveal(RevealedDeposit reveal) {
        return book.addReveal(reveal);
    }

    @Override
    public List<RevealedDeposit> reveals() {
        return book.reveals();
    }

    @Override
    public Optional<PegInDeposit> find(Outpoint outpoint) {
        return book.find(outpoint);
    }

    @Override
    public void save(PegInDeposit deposit) {
        book.save(deposit);
    }
}
