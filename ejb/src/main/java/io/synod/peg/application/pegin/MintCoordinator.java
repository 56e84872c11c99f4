package io.synod.peg.application.pegin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.PegEntries;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.MintAction;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInPolicy;
import io.synod.peg.domain.pegin.PegInSidechain;
import io.synod.peg.domain.pegin.PegInState;

/**
 * Moves this member's confirmed deposits to minted, exactly once per outpoint. Every member runs it; for each
 * deposit the members are ranked deterministically (SHA-256 of outpoint and member index), the first acts at
 * once and member ranked r acts only once {@code r × submitTimeout} has passed since it found the deposit
 * mintable without seeing it minted: one submitter, the others stand by and take over. Each transition is saved
 * before the next step (AUTHORISING before asking for signatures, SIGNED with the signature before sending,
 * SUBMITTED with the transaction), {@code isMinted} is asked before every send, and the contract refuses a second
 * mint of an outpoint, so a crash anywhere resumes without a double mint. MINTED is set only from the sidechain's
 * Minted event.
 */
public final class MintCoordinator {

    private static final Logger LOG = Logger.getLogger(MintCoordinator.class.getName());

    private final int self;
    private final List<Integer> members;
    private final DepositBook book;
    private final Ledger ledger;
    private final PegInPolicy policy;
    private final BitcoinRpcClient bitcoin;
    private final PegInSidechain sidechain;
    private final GroupSigning signing;
    private final GuardView guard;
    private final Clock clock;
    private final Duration grace;

    public MintCoordinator(int self, List<Integer> members, DepositBook book, Ledger ledger, PegInPolicy policy,
            BitcoinRpcClient bitcoin, PegInSidechain sidechain, GroupSigning signing, GuardView guard, Clock clock) {
        this(self, members, book, ledger, policy, bitcoin, sidechain, signing, guard, clock, Duration.ZERO);
    }

    /**
     * As above, and every member (the first submitter too) waits {@code grace} after it found a deposit mintable
     * before it asks the group: the others' own watchers see the same confirmation a poll or two later, and a
     * member that has not seen it yet refuses the mint (the group then signs only after the vote's deadline).
     */
    public MintCoordinator(int self, List<Integer> members, DepositBook book, Ledger ledger, PegInPolicy policy,
            BitcoinRpcClient bitcoin, PegInSidechain sidechain, GroupSigning signing, GuardView guard, Clock clock,
            Duration grace) {
        if (!members.contains(self)) {
            throw new IllegalArgumentException("member " + self + " is not in " + members);
        }
        this.self = self;
        this.members = List.copyOf(members);
        this.book = book;
        this.ledger = ledger;
        this.policy = policy;
        this.bitcoin = bitcoin;
        this.sidechain = sidechain;
        this.signing = signing;
        this.guard = guard;
        this.clock = clock;
        this.grace = grace;
    }

    /** One pass over every deposit that may still be minted, oldest confirmation first. */
    public synchronized void tick() {
        List<PegInDeposit> open = new ArrayList<>(book.deposits().stream().filter(d -> d.state().mintable()).toList());
        open.sort(Comparator.comparing((PegInDeposit d) -> d.block().height()).thenComparing(d -> d.outpoint().toString()));
        for (PegInDeposit d : open) {
            try {
                advance(d);
            } catch (RuntimeException e) {
                // One deposit's trouble (a node hiccup, a revert) must not stop the others; retried next tick.
                LOG.log(Level.WARNING, "mint of " + d.outpoint() + " not advanced: " + e.getMessage(), e);
            }
        }
    }

    /** Drives one deposit as far as it can go now; every transition is saved before the next step. */
    void advance(PegInDeposit d) {
        if (adoptIfMinted(d)) {
            return;
        }
        BlockHeight tip = bitcoin.getBlockCount();
        switch (d.state()) {
            case CONFIRMED, QUEUED -> {
                if (policy.tooLate(tip, d.reveal().terms().refundHeight())) {
                    book.save(d.in(PegInState.TOO_LATE, "refund too close before the mint: left to the depositor"));
                    return;
                }
                if (!guard.admits(d.outpoint(), d.amount())) {
                    if (d.state() != PegInState.QUEUED) {
                        book.save(d.in(PegInState.QUEUED, "waits for stake: " + guard.statusExcluding(d.outpoint())));
                    }
                    return;
                }
                PegInDeposit ready = d;
                if (d.readySince() == null || d.state() == PegInState.QUEUED) {
                    // The takeover clock starts when the deposit became mintable here (for a queued one: now).
                    ready = new PegInDeposit(d.outpoint(), d.amount(), d.reveal(), d.block(), PegInState.CONFIRMED,
                            "", clock.instant(), null, 0, null, null);
                    book.save(ready);
                }
                if (!myTurn(ready)) {
                    return;
                }
                PegInDeposit authorising = ready.in(PegInState.AUTHORISING, "");
                book.save(authorising);
                sign(authorising);
            }
            case AUTHORISING -> sign(d);
            case SIGNED -> submit(d);
            case SUBMITTED -> {
                // Not seen minted: the transaction was lost or reverted for a passing reason. Our turn again after
                // the timeout; the same signature is still valid while the epoch holds.
                if (takeoverDue(d, rank(d.outpoint()) + 1)) {
                    submit(d);
                }
            }
            default -> {
            }
        }
    }

    private void sign(PegInDeposit d) {
        long epoch = sidechain.currentEpoch();
        MintAction action = new MintAction(d.outpoint(), d.reveal().terms().recipient(), d.amount(), epoch);
        GroupSignature sig;
        try {
            sig = signing.sign(action, Duration.ofSeconds(30));
        } catch (SigningFailed e) {
            LOG.warning(() -> "group did not sign the mint of " + d.outpoint() + ": " + e.getMessage());
            book.save(d.in(PegInState.CONFIRMED, "signing failed: " + e.getMessage()));
            return;
        }
        PegInDeposit signed = d.signed(sig.ethereum(), epoch);
        book.save(signed);
        submit(signed);
    }

    private void submit(PegInDeposit d) {
        if (adoptIfMinted(d)) {
            return;
        }
        MintAction action = new MintAction(d.outpoint(), d.reveal().terms().recipient(), d.amount(), d.epoch());
        String tx = sidechain.submitMint(action, d.groupSignature());
        book.save(d.submitted(tx));
        adoptIfMinted(book.find(d.outpoint()).orElseThrow());
    }

    /** If the sidechain shows the outpoint minted (by anyone), record it MINTED and book the mint, from the event. */
    private boolean adoptIfMinted(PegInDeposit d) {
        if (!sidechain.isMinted(d.outpoint())) {
            return false;
        }
        Optional<PegInSidechain.MintEvidence> ev = sidechain.mintEvidence(d.outpoint());
        if (ev.isEmpty()) {
            return true; // minted but the event is not visible to this node yet: look again next tick
        }
        ledger.record(PegEntries.minted(DepositWatcher.shared(d.outpoint()), DepositWatcher.shared(d.amount()),
                ev.get().txHash(), ev.get().block()));
        book.save(d.minted(ev.get().txHash()));
        return true;
    }

    private boolean myTurn(PegInDeposit d) {
        return takeoverDue(d, rank(d.outpoint()));
    }

    private boolean takeoverDue(PegInDeposit d, int turns) {
        Instant since = d.readySince() == null ? clock.instant() : d.readySince();
        return !clock.instant().isBefore(since.plus(grace).plus(policy.submitTimeout().multipliedBy(turns)));
    }

    /** This member's place in the deterministic submitter order of {@code outpoint} (0 submits first). */
    public int rank(Outpoint outpoint) {
        List<Integer> order = submitterOrder(outpoint, members);
        return order.indexOf(self);
    }

    public static List<Integer> submitterOrder(Outpoint outpoint, List<Integer> members) {
        List<Integer> order = new ArrayList<>(members);
        order.sort(Comparator.comparing((Integer m) -> rankKey(outpoint, m), java.util.Arrays::compareUnsigned));
        return order;
    }

    private static byte[] rankKey(Outpoint outpoint, int member) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest((outpoint + "/" + member).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
