package io.synod.coordination.application.signing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.synod.coordination.application.BoardFrame;
import io.synod.coordination.domain.BoardCursor;
import io.synod.coordination.domain.BoardRead;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ApprovalQuorum;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.evidence.EquivocationEvidence;
import io.synod.threshold.evidence.InvalidPartialEvidence;
import io.synod.threshold.message.DecodeException;
import io.synod.threshold.message.PartialSignatureMessage;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.message.SignedEnvelope;
import io.synod.threshold.message.ThresholdMessage;
import io.synod.threshold.presign.Presignature;
import io.synod.threshold.presign.PresignaturePublic;
import io.synod.threshold.sign.OnlineSigner;
import io.synod.threshold.sign.SignatureCombiner;
import io.synod.threshold.sign.SigningAbort;

/**
 * One signing sub-session as this member follows it, opened by a proposal on the channel (action kind, canonical
 * encoding, the presignature to use). Board round 1: every member runs its own verifier on the action and posts
 * its verdict (the target it will sign, or its refusal). The agreed target is the first one, in board order, that
 * q approvals name by the approval deadline, q being the epoch's {@link ApprovalQuorum} for the proposal's kind
 * (2t+1, more for an action moving the group's bitcoin out when n > 3t+1): every member computes the same one from
 * the same log, and no honest member posts a partial before it has counted those q approvals. Then
 * (board round 1 too, the partial signature's own round) each member that approved exactly that target and holds its share of the named presignature posts its partial
 * signature (the presignature is consumed first). Any member combines as soon as 2t+1 partials verify; a partial
 * that fails the public check is named, evidence is posted in round 3, and the rest still combine. Round 4: the
 * proposer posts the result, which others check but also derive themselves.
 */
final class SignRun {
    private record Posted(long block, long sequence, SignedEnvelope envelope) {
    }

    private record Vote(long block, SigningFrame.Approval approval) {
    }

    final SessionId id;
    final SigningFrame.Proposal proposal;
    final long startBlock;
    private final MemberContext ctx;
    private final PresignaturePool pool;
    private final int n;
    /** Approvals of one target this session needs: the same for every member (epoch's n and t, proposal's kind). */
    private final int approvalsNeeded;
    private final RoundClock clock;
    private BoardCursor cursor;
    private long head;
    private final LinkedHashMap<Integer, Vote> votes = new LinkedHashMap<>();
    private final Map<Integer, Posted> partialEnvelopes = new TreeMap<>();
    private final Map<Integer, PartialSignatureMessage> validOpened = new TreeMap<>();
    private final List<SigningFrame.Result> results = new ArrayList<>();
    private final List<Map.Entry<Long, SigningFrame.PartialEvidence>> accusations = new ArrayList<>();
    private boolean voted;
    private Optional<SigningTarget> mine = Optional.empty();
    private SigningTarget agreed;
    private boolean partialPosted;
    private Set<Integer> lastTried = Set.of();
    private final TreeSet<Integer> bad = new TreeSet<>();
    private final Map<Integer, Boolean> evidencePosted = new HashMap<>();
    private final List<PartialFault> faults = new ArrayList<>();
    private final TreeSet<Integer> falseAccusers = new TreeSet<>();
    private final List<UnfoundedAccusation> unfounded = new ArrayList<>();
    private final List<io.synod.threshold.evidence.Evidence> equivocations = new ArrayList<>();
    /** Partials that arrived after the signature was combined without them and were checked on their own. */
    private final Set<Integer> lateChecked = new TreeSet<>();
    private boolean resultPosted;
    private GroupSignature signature;
    private SignOutcome.Status status = SignOutcome.Status.RUNNING;
    private List<Integer> culprits = List.of();
    private String reason = "";

    SignRun(MemberContext ctx, PresignaturePool pool, SessionId id, SigningFrame.Proposal proposal, long startBlock) {
        this.ctx = ctx;
        this.pool = pool;
        this.id = id;
        this.proposal = proposal;
        this.startBlock = startBlock;
        this.n = ctx.channel.members().size();
        this.approvalsNeeded = ctx.channel.approvals().approvalsFor(proposal.action());
        this.cursor = new BoardCursor(startBlock);
        this.clock = ctx.channel.clock(ctx.board, startBlock);
    }

    /** The block closing a round, or {@link RoundClock#OPEN} while the board has not passed it. */
    private long deadline(int round) {
        return clock.close(round, head);
    }

    /** Past the evidence round: nothing posted later can change what this member concludes. */
    boolean finished() {
        return settled() && head > deadline(3);
    }

    boolean settled() {
        return status != SignOutcome.Status.RUNNING && (votes.size() == n || head > deadline(1));
    }

    List<PartialFault> faults() {
        return List.copyOf(faults);
    }

    Set<Integer> falseAccusers() {
        return Set.copyOf(falseAccusers);
    }

    /** Two different identity-signed partials by one member in this session (equivocation), if seen. */
    List<io.synod.threshold.evidence.Evidence> evidence() {
        return List.copyOf(equivocations);
    }

    List<UnfoundedAccusation> unfounded() {
        return List.copyOf(unfounded);
    }

    /**
     * The presignature this session named and the members that posted partial signatures with it by the signing
     * deadline; empty while this member does not know the presignature's public record.
     */
    Optional<PresignatureUse> presignatureUse() {
        Set<Integer> contributors = new TreeSet<>();
        partialEnvelopes.forEach((who, p) -> {
            if (p.block() <= deadline(2)) {
                contributors.add(who);
            }
        });
        return pool.publicPart(proposal.presignatureId()).map(pub -> new PresignatureUse(id, pub, contributors));
    }

    SignOutcome outcome() {
        Set<Integer> responders = new TreeSet<>();
        Map<Integer, String> refusals = new TreeMap<>();
        for (Map.Entry<Integer, Vote> v : votes.entrySet()) {
            SigningFrame.Approval a = v.getValue().approval();
            if (v.getValue().block() > deadline(1)) {
                continue;
            }
            if (agreed != null && a.target().isPresent() && a.target().get().equals(agreed)) {
                responders.add(v.getKey());
            } else {
                refusals.put(v.getKey(), a.target().isPresent() ? "approved another target " + a.target().get()
                        : a.refusal());
            }
        }
        return new SignOutcome(id, proposal.sender(), proposal.action(), status, Optional.ofNullable(signature),
                responders, refusals, List.copyOf(bad), culprits, reason, settled(), mine);
    }

    /** Memory the run holds for members that silently stay: the presignature share if unused is wiped. */
    void close() {
        pool.take(proposal.presignatureId()).ifPresent(p -> {
            if (!p.isConsumed()) {
                p.consume();
            }
        });
    }

    void step() {
        BoardRead read = ctx.board.read(id, cursor);
        for (var e : read.entries()) {
            ctx.intake(e, id).ifPresent(this::accept);
        }
        cursor = read.next();
        head = Math.max(head, read.headBlock());
        advance();
    }

    private void accept(MemberContext.Checked c) {
        Object f = c.frame();
        long block = c.entry().block();
        if (f instanceof SigningFrame.Approval a) {
            if (votes.putIfAbsent(a.sender(), new Vote(block, a)) != null) {
                ctx.reject(c.entry(), "second verdict from member " + a.sender());
            }
        } else if (f instanceof BoardFrame.Envelope env) {
            // Partial signatures (opened and checked once the agreed target and the presignature are known).
            Posted first = partialEnvelopes.putIfAbsent(c.sender(), new Posted(block, c.entry().sequence(),
                    env.envelope()));
            if (first != null) {
                ctx.reject(c.entry(), "second partial from member " + c.sender());
                EquivocationEvidence e = new EquivocationEvidence(first.envelope(), env.envelope());
                if (equivocations.isEmpty() && e.verify(ctx.identities)) {
                    equivocations.add(e);
                }
            }
        } else if (f instanceof SigningFrame.PartialEvidence pe) {
            accusations.add(Map.entry(c.entry().sequence(), pe));
        } else if (f instanceof SigningFrame.Result r) {
            results.add(r);
        } else {
            ctx.reject(c.entry(), "frame does not belong in a signing session round " + c.entry().round());
        }
    }

    private void advance() {
        if (!voted) {
            vote();
        }
        if (agreed == null) {
            agreed = agreedTarget();
        }
        if (status == SignOutcome.Status.FAILED) {
            return;
        }
        if (status == SignOutcome.Status.SIGNED) {
            pool.publicPart(proposal.presignatureId()).ifPresent(p -> {
                combine(p); // opens and checks partials posted after the signature was made
                checkAccusations(p);
            });
            postEvidenceAndResult();
            return;
        }
        if (agreed == null) {
            if (head > deadline(1)) {
                fail("no target approved by " + quorumText() + " by the approval deadline", notAgreeing(true));
            } else if (!reachable()) {
                // Decided early: members yet to answer are not at fault, those who refused or dissented are named.
                fail("no target can reach the approvals of " + quorumText(), notAgreeing(false));
            }
            return;
        }
        Optional<PresignaturePublic> pub = pool.publicPart(proposal.presignatureId());
        if (!partialPosted && mine.isPresent() && mine.get().equals(agreed) && head <= deadline(2)
                && !partialEnvelopes.containsKey(ctx.self)) {
            // Empty while this member has not finished the presigning session yet (or never had the share).
            Optional<Presignature> share = pool.take(proposal.presignatureId());
            if (share.isPresent()) {
                partialPosted = true;
                ctx.publish(id, OnlineSigner.partial(id.bytes(), share.get(), ctx.share.tweaked(agreed.tweak()),
                        agreed.digest()));
            }
        }
        pub.ifPresent(this::combine);
        pub.ifPresent(this::checkAccusations);
        adoptPostedResult();
        if (signature != null) {
            status = SignOutcome.Status.SIGNED;
            postEvidenceAndResult();
            return;
        }
        if (head > deadline(2)) {
            TreeSet<Integer> silent = new TreeSet<>(responders());
            silent.removeAll(validOpened.keySet());
            silent.addAll(bad);
            fail("fewer than 2t+1 valid partial signatures by the signing deadline", List.copyOf(silent));
        }
    }

    private void vote() {
        if (votes.containsKey(ctx.self)) {
            // Voted before a restart: the board keeps the verdict, it is not posted twice.
            mine = votes.get(ctx.self).approval().target();
            voted = true;
            return;
        }
        SigningFrame.Approval a;
        try {
            SigningTarget t = ctx.verifiers.approve(proposal.action(), proposal.encodedAction());
            mine = Optional.of(t);
            a = SigningFrame.Approval.create(id, ctx.self, mine, null, ctx.signer);
        } catch (ActionRefused r) {
            a = SigningFrame.Approval.create(id, ctx.self, Optional.empty(), r.getMessage(), ctx.signer);
        }
        ctx.post(id, a);
        voted = true;
    }

    /** The first target, in board order, that q verdicts name by the approval deadline. */
    private SigningTarget agreedTarget() {
        Map<SigningTarget, Integer> count = new HashMap<>();
        for (Vote v : votes.values()) {
            if (v.block() <= deadline(1) && v.approval().target().isPresent()) {
                SigningTarget t = v.approval().target().get();
                if (count.merge(t, 1, Integer::sum) >= approvalsNeeded) {
                    return t;
                }
            }
        }
        return null;
    }

    /** Whether some target can still gather q verdicts from the members that have not answered yet. */
    private boolean reachable() {
        Map<SigningTarget, Integer> count = new HashMap<>();
        votes.values().forEach(v -> v.approval().target().ifPresent(t -> count.merge(t, 1, Integer::sum)));
        int best = count.values().stream().max(Integer::compare).orElse(0);
        return best + (n - votes.size()) >= approvalsNeeded;
    }

    /** "3 members (2t+1)" or "4 members (payout quorum of 5, t 1)": failures say which rule they missed. */
    private String quorumText() {
        ApprovalQuorum q = ctx.channel.approvals();
        return approvalsNeeded + " members (" + (approvalsNeeded == q.signers() ? "2t+1"
                : "payout quorum of " + q.members() + ", t " + q.threshold()) + ")";
    }

    private List<Integer> responders() {
        List<Integer> out = new ArrayList<>();
        votes.forEach((m, v) -> {
            if (v.block() <= deadline(1) && v.approval().target().map(agreed::equals).orElse(false)) {
                out.add(m);
            }
        });
        return out;
    }

    private List<Integer> notAgreeing(boolean silentToo) {
        Map<SigningTarget, Integer> count = new HashMap<>();
        votes.values().forEach(v -> v.approval().target().ifPresent(t -> count.merge(t, 1, Integer::sum)));
        SigningTarget best = count.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                .orElse(null);
        List<Integer> out = new ArrayList<>();
        for (int m : ctx.channel.members().indices().indices()) {
            Vote v = votes.get(m);
            if (v == null || v.block() > deadline(1)) {
                if (silentToo) {
                    out.add(m);
                }
            } else if (v.approval().target().isEmpty()
                    || !v.approval().target().get().equals(best)) {
                out.add(m);
            }
        }
        return out;
    }

    private SessionContext partialContext(PresignaturePublic pub) {
        return new SessionContext(id.bytes(), 0, pub.signers(), pub.signers());
    }

    /** Opens partials of members that approved the agreed target; combines once 2t+1 verify (or more came in). */
    private void combine(PresignaturePublic pub) {
        Set<Integer> eligible = Set.copyOf(responders());
        SessionContext context = partialContext(pub);
        for (Map.Entry<Integer, Posted> p : partialEnvelopes.entrySet()) {
            int who = p.getKey();
            if (validOpened.containsKey(who) || bad.contains(who) || !eligible.contains(who)
                    || p.getValue().block() > deadline(2)) {
                continue;
            }
            try {
                ThresholdMessage m = p.getValue().envelope().open(context, ctx.identities);
                if (m instanceof PartialSignatureMessage psm && psm.header().sender() == who
                        && Arrays.equals(psm.presignatureId(), pub.id())) {
                    validOpened.put(who, psm);
                }
            } catch (DecodeException e) {
                bad.add(who);
            }
        }
        List<PartialSignatureMessage> candidates = new ArrayList<>();
        validOpened.forEach((who, m) -> {
            if (!bad.contains(who)) {
                candidates.add(m);
            }
        });
        if (signature != null) {
            checkLatePartials(pub);
            return;
        }
        Set<Integer> trying = new TreeSet<>(validOpened.keySet());
        trying.removeAll(bad);
        if (candidates.size() < ctx.quorum() || trying.equals(lastTried)) {
            return;
        }
        lastTried = trying;
        GroupKey key = ctx.share.group().tweaked(agreed.tweak());
        try {
            SignatureCombiner.Result r = SignatureCombiner.combine(pub, key, agreed.digest(), candidates);
            bad.addAll(r.badSigners());
            GroupSignature sig = new GroupSignature(agreed, r.signature().r(), r.signature().s(),
                    r.signature().recoveryId());
            if (sig.verifiesUnder(ctx.share.group().baseKey().getEncoded(true))) {
                signature = sig;
            }
        } catch (SigningAbort a) {
            bad.addAll(a.culprits());
            if (a.productShares()) {
                fail("the named presignature has invalid product shares", a.culprits());
            }
        }
        bad.forEach(validOpened::remove);
    }

    /**
     * A partial that was not part of the combination (it came after 2t+1 others) is still checked on its own
     * against the public presignature record: a wrong one is named and its evidence posted like any other, so a
     * member sending wrong partials is identified however late it posts, not only when it happens to be among the
     * first 2t+1.
     */
    private void checkLatePartials(PresignaturePublic pub) {
        GroupKey key = ctx.share.group().tweaked(agreed.tweak());
        for (Map.Entry<Integer, PartialSignatureMessage> m : validOpened.entrySet()) {
            int who = m.getKey();
            if (bad.contains(who) || !lateChecked.add(who)) {
                continue;
            }
            if (!io.synod.threshold.sign.PartialCheck.isValid(pub, who, m.getValue().s(), agreed.digest(),
                    key.tweak(), key.publicKey())) {
                bad.add(who);
            }
        }
    }

    /** A result posted by another member is taken only if it verifies over the agreed target. */
    private void adoptPostedResult() {
        if (signature != null || agreed == null) {
            return;
        }
        for (SigningFrame.Result r : results) {
            GroupSignature sig = new GroupSignature(agreed, r.r(), r.s(), r.recoveryId());
            if (sig.verifiesUnder(ctx.share.group().baseKey().getEncoded(true))) {
                signature = sig;
                return;
            }
        }
    }

    /** Rebuilds each posted accusation as threshold-core evidence and verifies it; an unfounded one names its poster. */
    private void checkAccusations(PresignaturePublic pub) {
        for (var it = accusations.iterator(); it.hasNext(); ) {
            var entry = it.next();
            SigningFrame.PartialEvidence pe = entry.getValue();
            it.remove();
            Posted posted = partialEnvelopes.get(pe.culprit());
            Optional<BoardFrame> f = BoardFrame.decode(pe.envelope());
            if (posted == null || f.isEmpty() || !(f.get() instanceof BoardFrame.Envelope env)
                    || posted.sequence() != pe.sequence() || !env.envelope().equals(posted.envelope())) {
                unfounded(pe, "the evidence does not cite the accused's partial as posted on the board");
                continue;
            }
            GroupKey key = ctx.share.group().tweaked(agreed.tweak());
            InvalidPartialEvidence ev = new InvalidPartialEvidence(env.envelope(), partialContext(pub), pub,
                    agreed.digest(), key.tweak(), key.publicKey());
            if (ev.culprit() == pe.culprit() && ev.verify(ctx.identities)) {
                faults.add(new PartialFault(id, pe.sender(), pe.culprit(), pe.sequence(), ev));
                bad.add(pe.culprit());
                evidencePosted.put(pe.culprit(), true);
            } else {
                unfounded(pe, "the cited partial signature is valid");
            }
        }
    }

    /**
     * Evidence against each wrong partial is posted by the lowest-index member whose own partial verified (so
     * usually one post per culprit); the result by the proposer.
     */
    private void postEvidenceAndResult() {
        int poster = validOpened.keySet().stream().filter(m -> !bad.contains(m)).min(Integer::compare).orElse(-1);
        if (poster == ctx.self) {
            for (int culprit : bad) {
                Posted p = partialEnvelopes.get(culprit);
                if (p != null && !evidencePosted.containsKey(culprit)) {
                    evidencePosted.put(culprit, true);
                    ctx.post(id, SigningFrame.PartialEvidence.create(id, ctx.self, culprit, p.sequence(),
                            new BoardFrame.Envelope(p.envelope()).encode(), ctx.signer));
                }
            }
        }
        boolean onBoard = results.stream().anyMatch(r -> r.sender() == ctx.self);
        if (proposal.sender() == ctx.self && !resultPosted && !onBoard) {
            resultPosted = true;
            ctx.post(id, SigningFrame.Result.create(id, ctx.self, signature.r(), signature.s(), signature.recoveryId(),
                    ctx.signer));
        }
    }

    private void unfounded(SigningFrame.PartialEvidence pe, String why) {
        falseAccusers.add(pe.sender());
        unfounded.add(new UnfoundedAccusation(id, pe.sender(), pe.culprit(), pe.sequence(), pe.encode(), why));
    }

    private void fail(String why, List<Integer> who) {
        status = SignOutcome.Status.FAILED;
        reason = why;
        culprits = List.copyOf(who);
    }

    @Override
    public String toString() {
        return "SignRun[" + id + ", " + proposal.action() + ", " + status + "]";
    }
}
