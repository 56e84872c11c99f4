package io.synod.coordination.application.signing;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.synod.coordination.application.IdentityKeys;
import io.synod.coordination.domain.BoardCursor;
import io.synod.coordination.domain.BoardRead;
import io.synod.coordination.domain.MessageBoard;
import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.ApprovalQuorum;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.dkg.Keys;
import io.synod.threshold.inprocess.MessageInterceptor;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.SecretScalar;
import io.synod.threshold.message.MessageSigner;
import io.synod.threshold.presign.PresignConfig;
import io.synod.threshold.sharing.IndexSet;

/**
 * One member's side of group signing over the message board. Framework-free: an EJB timer, a thread or a test
 * calls {@link #step()}; each step reads the signing channel from its cursor (presigning starts and proposals,
 * each opening a sub-session with id H(channel, opening frame)), then every open sub-session, and advances them.
 * Every entry passes the same intake (strict decode, roster sender under its own board identity, identity
 * signature over session and round); rounds close on the board by block height, so every member feeds the
 * threshold core the same messages in the same order.
 *
 * <p>Presignatures: when the pool is below the channel's level and no presigning session is open, the member
 * ranked r among the members not suspected of being offline opens one among all of them, after r·roundBlocks
 * blocks of quiet (so the lowest-ranked live member does it, and the next one if that member is gone). Any 2t+1 of
 * a presignature's signer set can complete the online step. The pool lives in memory only (see
 * {@link PresignaturePool}).
 *
 * <p>Signing: {@link #propose} queues an action; it is posted with the oldest pooled presignature that 2t+1 live
 * members hold, and every member (the proposer included) checks it with its own verifiers before contributing.
 * {@link #outcome} tells how it went. A member silent past a deadline is suspected (and counted in
 * {@link #missedDeadlines()}) until it posts again. An action moving the group's bitcoin out is held in the queue
 * while fewer members than its approval quorum are unsuspected ({@link #payoutQuorumShort()}); other kinds go on.
 */
public final class SigningCoordinator {

    /** A local handle on a proposed action. */
    public record Ticket(long local) {
    }

    private record Pending(Ticket ticket, SignableAction action) {
    }

    /**
     * A presigning session as it ended here: its signers, whether it made presignatures, how many of them this
     * member holds shares of (none for a session it only followed, e.g. one replayed after a restart), and the
     * culprits if it made nothing.
     */
    public record PresignReport(SessionId session, IndexSet signers, boolean made, int held, List<Integer> culprits,
            String reason) {
    }

    private final MemberContext ctx;
    private final SigningChannel channel;
    private final PresignaturePool pool = new PresignaturePool();
    private BoardCursor cursor;
    private long head;
    private long nonce;
    private long lastPresignActivity;
    private boolean awaitingOwnStart;
    private final Map<SessionId, PresignRun> presigns = new LinkedHashMap<>();
    private final Map<SessionId, SignRun> signs = new LinkedHashMap<>();
    private final Map<SessionId, SignOutcome> finished = new LinkedHashMap<>();
    /** The encoded action of every signing session followed, by session (to read back what the group signed). */
    private final Map<SessionId, byte[]> actions = new HashMap<>();
    /** The board sequence of each signing session's proposal: board order, the same at every member. */
    private final Map<SessionId, Long> proposedAt = new HashMap<>();
    private final Deque<Pending> queue = new ArrayDeque<>();
    private final Map<Ticket, SessionId> posted = new HashMap<>();
    /** Own proposals on the board, unread, whose caller gave up: not proposed again if the board refuses them. */
    private final Set<Ticket> withdrawn = new java.util.HashSet<>();
    /** The proposer of each signing session followed (board order decides who shares the channel's room). */
    private final Map<SessionId, Integer> proposers = new HashMap<>();
    /** Own proposals posted but not read back yet: re-queued if an earlier proposal named the same presignature. */
    private final Map<SessionId, Pending> unread = new HashMap<>();
    /** Proposals read since the last presigning start, and in the cycle before it: the group's recent demand. */
    private int consumed;
    private int consumedBefore;
    private final List<PartialFault> faults = new ArrayList<>();
    private final Set<Integer> falseAccusers = new TreeSet<>();
    private final List<UnfoundedAccusation> unfounded = new ArrayList<>();
    private final List<PresignatureUse> uses = new ArrayList<>();
    private final List<BoardEvidence> evidence = new ArrayList<>();
    private final Map<Integer, Long> suspectedSince = new TreeMap<>();
    private final Map<Integer, Integer> missed = new TreeMap<>();
    private final List<PresignReport> presignReports = new ArrayList<>();
    private long tickets;

    /**
     * @param channel       the epoch's signing channel, as every member configures it
     * @param self          this member's index in {@code channel.members()}
     * @param identity      signs envelopes and frames with this member's identity key (HSM-backed in production)
     * @param decryptionKey this member's ECIES key (presigning dealings are encrypted to it)
     * @param share         this member's key share of the epoch's group key
     * @param verifiers     this member's own verifiers: the only source of digests it signs
     * @param board         the board adapter posting under this member's identity
     */
    public SigningCoordinator(SigningChannel channel, int self, MessageSigner identity, SecretScalar decryptionKey,
            KeyShare share, ActionVerifiers verifiers, MessageBoard board) {
        channel.members().member(self);
        if (share.index() != self || share.group().threshold() != channel.threshold()) {
            throw new IllegalArgumentException("key share of member " + share.index() + " (t "
                    + share.group().threshold() + ") does not fit member " + self + " of this channel");
        }
        SecureRandom rng = new SecureRandom();
        this.channel = channel;
        this.ctx = new MemberContext(channel, self, identity, IdentityKeys.verifier(channel.members()), board, share,
                new Keys(self, decryptionKey, channel.members().encryptionKeys()), verifiers, rng);
        this.cursor = new BoardCursor(channel.startBlock());
        this.lastPresignActivity = channel.startBlock();
        this.nonce = rng.nextLong() & Long.MAX_VALUE;
    }

    /** Test seam: a member that tampers with its own outgoing threshold messages (e.g. wrong partials). */
    SigningCoordinator interceptOutbound(MessageInterceptor i) {
        ctx.outbound = i;
        return this;
    }

    public int self() {
        return ctx.self;
    }

    /** A session the group signed, with the action its proposal carried (checked by each contributor). */
    public record SignedAction(SignOutcome outcome, byte[] encodedAction) {
        public SignedAction {
            encodedAction = encodedAction.clone();
        }

        @Override
        public byte[] encodedAction() {
            return encodedAction.clone();
        }
    }

    /**
     * The signed sessions of one kind, in the board order of their proposals (the same at every member, however
     * fast each session went: the first one is the one the group acts on).
     */
    public synchronized List<SignedAction> signed(io.synod.coordination.domain.signing.ActionKind kind) {
        List<SignedAction> out = new ArrayList<>();
        for (SignOutcome o : outcomes()) {
            if (o.kind() == kind && o.status() == SignOutcome.Status.SIGNED && actions.containsKey(o.session())) {
                out.add(new SignedAction(o, actions.get(o.session())));
            }
        }
        out.sort(java.util.Comparator.comparingLong(a -> proposedAt.get(a.outcome().session())));
        return out;
    }

    /**
     * The board block from which a new process of this member must read the channel to rebuild every session
     * still open here: the opening block of the oldest open sub-session, else the read cursor. A restarted member
     * reads from there (sessions that finished before it can change nothing any more).
     */
    public synchronized long resumeBlock() {
        long b = cursor.nextBlock();
        for (PresignRun r : presigns.values()) {
            b = Math.min(b, r.startBlock);
        }
        for (SignRun r : signs.values()) {
            b = Math.min(b, r.startBlock);
        }
        return b;
    }

    /** The encoded action of a signing session this member followed. */
    public synchronized Optional<byte[]> action(SessionId session) {
        return Optional.ofNullable(actions.get(session)).map(byte[]::clone);
    }

    /** The end of this member's process or epoch: every pooled presignature and the key share are wiped. */
    public synchronized void close() {
        pool.discardAll();
        ctx.share.wipe();
    }

    /** Signing sessions this member follows whose outcome is not decided yet (neither signed nor failed). */
    public synchronized int signingInProgress() {
        return (int) signs.values().stream().filter(r -> r.outcome().status() == SignOutcome.Status.RUNNING).count();
    }

    /** Sub-sessions (presigning and signing) open here now. */
    public synchronized int openSessions() {
        return presigns.size() + signs.size();
    }

    public byte[] groupPublicKey() {
        return ctx.share.group().baseKey().getEncoded(true);
    }

    /**
     * Queues an action for the group to sign; it is posted as soon as a suitable presignature is pooled and the
     * channel has room (see {@link #maxRunning()}). A heartbeat goes first: it measures whether members answer, and
     * one stuck behind a queue of work would be judged stale by the others and raise a false alarm.
     */
    public synchronized Ticket propose(SignableAction action) {
        Ticket t = new Ticket(++tickets);
        if (action.kind() == io.synod.coordination.domain.signing.ActionKind.HEARTBEAT) {
            queue.addFirst(new Pending(t, action));
        } else {
            queue.add(new Pending(t, action));
        }
        return t;
    }

    /**
     * The caller gave up on a proposal: if it is still queued here it is dropped (true), so it never takes a
     * presignature nobody waits for; false once it is on the board (the session then runs its course, but should the
     * board refuse the proposal because an earlier one named its presignature, it is not proposed again).
     */
    public synchronized boolean withdraw(Ticket t) {
        if (queue.removeIf(p -> p.ticket().equals(t))) {
            return true;
        }
        SessionId s = posted.get(t);
        if (s != null && unread.containsKey(s)) {
            withdrawn.add(t);
        }
        return false;
    }

    /** Where a proposal stands here, in words (for a caller that gave up waiting). */
    public synchronized String whereIs(Ticket t) {
        if (heldForPayoutQuorum(t)) {
            return "held back, never proposed: it needs " + approvals().payouts() + " approvals and members "
                    + suspectedSince.keySet() + " are suspected offline";
        }
        if (queue.stream().anyMatch(p -> p.ticket().equals(t))) {
            return "queued here, never proposed: " + (pool.size() == 0 ? "no presignature was pooled"
                    : runningSigns() + " signing sessions were undecided on the channel (room for " + maxRunning()
                    + ")");
        }
        SessionId s = posted.get(t);
        if (s == null) {
            return "unknown here";
        }
        return unread.containsKey(s) ? "proposed as " + s + ", not read back from the board yet"
                : "proposed as " + s + ", still undecided";
    }

    /** Actions queued here that wait for a presignature or for room on the channel. */
    public synchronized int queued() {
        return queue.size();
    }

    /** Empty while the proposal waits for a presignature or has not been read back from the board yet. */
    public synchronized Optional<SignOutcome> outcome(Ticket t) {
        SessionId s = posted.get(t);
        if (s == null) {
            return Optional.empty();
        }
        SignRun r = signs.get(s);
        return r != null ? Optional.of(r.outcome()) : Optional.ofNullable(finished.get(s));
    }

    /** Every signing session this member has followed, oldest first. */
    public synchronized List<SignOutcome> outcomes() {
        List<SignOutcome> out = new ArrayList<>(finished.values());
        signs.values().forEach(r -> out.add(r.outcome()));
        return out;
    }

    public synchronized int poolSize() {
        return pool.size();
    }

    public synchronized List<PresignReport> presignReports() {
        return List.copyOf(presignReports);
    }

    /** Invalid partial signatures proven on the board (checked here), in the order seen. */
    public synchronized List<PartialFault> faults() {
        List<PartialFault> out = new ArrayList<>(faults);
        signs.values().forEach(r -> out.addAll(r.faults()));
        return out;
    }

    /** Members whose posted evidence did not verify here. */
    public synchronized Set<Integer> falseAccusers() {
        Set<Integer> out = new TreeSet<>(falseAccusers);
        signs.values().forEach(r -> out.addAll(r.falseAccusers()));
        return out;
    }

    /** Posted evidence that did not verify here, with the accuser and what it brought, in the order seen. */
    public synchronized List<UnfoundedAccusation> unfoundedAccusations() {
        List<UnfoundedAccusation> out = new ArrayList<>(unfounded);
        signs.values().forEach(r -> out.addAll(r.unfounded()));
        return out;
    }

    /** The presignature each signing session followed here named, and who posted partials with it. */
    public synchronized List<PresignatureUse> presignatureUses() {
        List<PresignatureUse> out = new ArrayList<>(uses);
        signs.values().forEach(r -> r.presignatureUse().ifPresent(out::add));
        return out;
    }

    /**
     * Evidence this member built from board logs: invalid product shares, equivocations (two different signed
     * messages for one slot).
     */
    public synchronized List<BoardEvidence> evidence() {
        List<BoardEvidence> out = new ArrayList<>(evidence);
        signs.values().forEach(r -> r.evidence().forEach(e -> out.add(new BoardEvidence(r.id, ctx.self, e))));
        return out;
    }

    /** The approvals each kind of action needs in this channel's epoch. */
    public ApprovalQuorum approvals() {
        return channel.approvals();
    }

    /** The roster of this coordinator's channel. */
    public io.synod.membership.domain.FoundingSet members() {
        return channel.members();
    }

    public synchronized Set<Integer> suspected() {
        return Set.copyOf(suspectedSince.keySet());
    }

    /** How many deadlines each member has missed here (the membership policy decides what repeated misses cost). */
    public synchronized Map<Integer, Integer> missedDeadlines() {
        return Map.copyOf(missed);
    }

    public synchronized List<MemberContext.Rejection> rejections() {
        return List.copyOf(ctx.rejections);
    }

    public synchronized long headBlock() {
        return head;
    }

    /** Wipes every pooled presignature (shutdown or the end of the epoch). */
    public synchronized void discardPool() {
        pool.discardAll();
    }

    /** Reads what is new on the board and advances every open session as far as closed rounds allow. */
    public synchronized void step() {
        BoardRead read = ctx.board.read(channel.channel(), cursor);
        for (var e : read.entries()) {
            ctx.intake(e, channel.channel()).ifPresent(this::open);
        }
        cursor = read.next();
        head = Math.max(head, read.headBlock());
        stepPresigns();
        stepSigns();
        unsuspect();
        topUp();
        drainQueue();
    }

    private SessionId subSession(byte[] openingFrame) {
        return new SessionId(Hashing.hash("SYNOD/signing/sub-session/v1", channel.channel().bytes(), openingFrame));
    }

    private void open(MemberContext.Checked c) {
        SessionId sub = subSession(c.entry().payload());
        if (c.frame() instanceof SigningFrame.PresignStart s) {
            if (!validSigners(s.signers())) {
                ctx.reject(c.entry(), "presigning signer set is not 2t+1 or more members");
                return;
            }
            if (presigns.putIfAbsent(sub, new PresignRun(ctx, sub, c.entry().block(), s.signers(), s.batch()))
                    == null) {
                consumedBefore = consumed;
                consumed = 0;
            }
            lastPresignActivity = Math.max(lastPresignActivity, c.entry().block());
            if (s.sender() == ctx.self) {
                awaitingOwnStart = false;
            }
        } else if (c.frame() instanceof SigningFrame.Proposal p) {
            Pending own = unread.remove(sub);
            boolean abandoned = own != null && withdrawn.remove(own.ticket());
            if (signs.containsKey(sub) || finished.containsKey(sub)) {
                return;
            }
            if (!pool.markNamed(p.presignatureId())) {
                // Two proposers raced for one presignature: the first on the board has it, at every member alike.
                ctx.reject(c.entry(), "names a presignature an earlier proposal named");
                if (own != null) {
                    posted.entrySet().removeIf(e -> e.getValue().equals(sub));
                    if (!abandoned) {
                        queue.addFirst(own);
                    }
                }
                return;
            }
            consumed++;
            if (signs.putIfAbsent(sub, new SignRun(ctx, pool, sub, p, c.entry().block())) == null) {
                actions.put(sub, p.encodedAction());
                proposedAt.put(sub, c.entry().sequence());
                proposers.put(sub, p.sender());
            }
        } else {
            ctx.reject(c.entry(), "only presigning starts and proposals belong on the signing channel");
        }
    }

    private boolean validSigners(IndexSet signers) {
        try {
            new PresignConfig(new byte[32], signers, ctx.share.group(), 1);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void stepPresigns() {
        for (Iterator<PresignRun> it = presigns.values().iterator(); it.hasNext(); ) {
            PresignRun r = it.next();
            List<io.synod.threshold.presign.Presignature> made = r.step();
            made.forEach(pool::add);
            if (r.status() != PresignRun.Status.RUNNING) {
                it.remove();
                lastPresignActivity = Math.max(lastPresignActivity, head);
                presignReports.add(new PresignReport(r.id, r.signers, r.status() == PresignRun.Status.DONE,
                        made.size(), r.culprits(), r.reason()));
                r.evidence().forEach(e -> evidence.add(new BoardEvidence(r.id, ctx.self, e)));
                if (r.reason().contains("withheld")) {
                    r.culprits().forEach(this::suspect);
                }
            }
        }
    }

    private void stepSigns() {
        for (Iterator<Map.Entry<SessionId, SignRun>> it = signs.entrySet().iterator(); it.hasNext(); ) {
            SignRun r = it.next().getValue();
            boolean wasSettled = r.settled();
            r.step();
            if (!wasSettled && r.settled()) {
                SignOutcome o = r.outcome();
                for (int m : channel.members().indices().indices()) {
                    if (!o.responders().contains(m) && !o.refusals().containsKey(m)) {
                        suspect(m);
                    }
                }
            }
            if (r.finished()) {
                faults.addAll(r.faults());
                falseAccusers.addAll(r.falseAccusers());
                unfounded.addAll(r.unfounded());
                r.evidence().forEach(e -> evidence.add(new BoardEvidence(r.id, ctx.self, e)));
                r.presignatureUse().ifPresent(uses::add);
                finished.put(r.id, r.outcome());
                proposers.remove(r.id);
                r.close();
                it.remove();
            }
        }
    }

    private void suspect(int member) {
        if (member != ctx.self) {
            suspectedSince.putIfAbsent(member, head);
            missed.merge(member, 1, Integer::sum);
        }
    }

    /** A suspected member that has posted anything valid since is live again. */
    private void unsuspect() {
        suspectedSince.entrySet().removeIf(e -> ctx.lastSeen.getOrDefault(e.getKey(), -1L) > e.getValue());
    }

    /**
     * The members not suspected of being offline, or every member when fewer than 2t+1 are unsuspected. Suspicion
     * only steers signer sets away from silent members; below 2t+1 it would stop the group for good (no presigning
     * opens, no proposal finds a presignature, so the suspected never get a session to post in and clear
     * themselves): seen at ten members, where two failed approval rounds left the epoch-1 binding queued forever.
     * Trying everyone again costs at most a session that fails at its deadline.
     */
    private List<Integer> live() {
        List<Integer> out = new ArrayList<>();
        for (int m : channel.members().indices().indices()) {
            if (!suspectedSince.containsKey(m)) {
                out.add(m);
            }
        }
        if (out.size() < channel.quorum()) {
            out = new ArrayList<>();
            for (int m : channel.members().indices().indices()) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Tops the pool up in proportion to demand: the level kept is the channel's plus what the group consumed in the
     * last presigning cycle (every member sees every proposal) or what waits in this member's own queue, and one
     * session makes up the whole shortfall (at most {@link #MAX_BATCH}), so a burst of requests costs a few
     * presigning sessions, not one per {@code presignBatch} signatures. The lowest-ranked live member opens it; a
     * member whose own queue the pool cannot serve opens it at once, whatever its rank.
     */
    private void topUp() {
        if (!presigns.isEmpty() || awaitingOwnStart) {
            return;
        }
        // Held payouts are not demand yet: the pool's level already covers the first of them once they go.
        int waiting = queue.size() - payoutsHeld();
        int demand = Math.max(waiting, Math.max(consumed, consumedBefore));
        int level = channel.poolLevel() + demand;
        if (pool.size() >= level) {
            return;
        }
        List<Integer> live = live();
        int rank = live.indexOf(ctx.self);
        boolean starved = waiting > pool.size();
        if (live.size() < channel.quorum() || rank < 0
                || (!starved && head < lastPresignActivity + rank * channel.roundBlocks())) {
            return;
        }
        int batch = Math.max(channel.presignBatch(), Math.min(MAX_BATCH, level - pool.size()));
        IndexSet signers = IndexSet.of(live.stream().mapToInt(Integer::intValue).toArray());
        ctx.post(channel.channel(), SigningFrame.PresignStart.create(channel.channel(), ctx.self, nonce++, signers,
                batch, ctx.signer));
        awaitingOwnStart = true;
    }

    /** The most presignatures one presigning session makes when demand is high (bounds one frame's size). */
    static final int MAX_BATCH = 16;

    /**
     * How many signing sessions may run on the channel at once before this member posts another proposal. Every
     * post is a board transaction, about 2n+2 of them per session. Where rounds are counted in blocks only, sessions
     * that run together push each other's deadlines closer: keeping their posts within a quarter of a round leaves
     * the members time to answer however many requests wait. Where rounds also last {@code roundSeconds} of block
     * time, posts no longer shorten a round; what bounds it then is each member's own posting, one transaction at a
     * time: two frames per session (approval, partial), well under a second each even on a loaded machine (0.2-0.4 s
     * measured), so a quarter of a round holds roundSeconds / 4 sessions. The queue holds the rest.
     */
    int maxRunning() {
        long byBlocks = channel.roundBlocks() / (4L * (2L * channel.members().size() + 2));
        long bySeconds = channel.roundSeconds() / SECONDS_PER_SESSION_IN_A_QUARTER;
        return (int) Math.max(1, Math.min(MAX_RUNNING, Math.max(byBlocks, bySeconds)));
    }

    /** A quarter of a round per second of one member's posting per session: roundSeconds / 4 sessions. */
    private static final long SECONDS_PER_SESSION_IN_A_QUARTER = 4;
    /** Bounds the presignatures one burst takes (a presigning session makes at most {@link #MAX_BATCH}). */
    private static final long MAX_RUNNING = MAX_BATCH;

    private void drainQueue() {
        List<Integer> live = live();
        int lane = Math.max(0, live.indexOf(ctx.self));
        boolean holdPayouts = payoutQuorumShort();
        for (Iterator<Pending> it = queue.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (holdPayouts && ApprovalQuorum.movesCoinsOut(p.action().kind())) {
                continue; // held in place, in order: the kinds behind it go on
            }
            if (!channelHasRoom() && p.action().kind()
                    != io.synod.coordination.domain.signing.ActionKind.HEARTBEAT) {
                return;
            }
            Optional<byte[]> presig = pool.pick(Set.copyOf(live), channel.quorum(), lane, Math.max(1, live.size()));
            if (presig.isEmpty()) {
                return;
            }
            SigningFrame.Proposal f = SigningFrame.Proposal.create(channel.channel(), ctx.self, nonce++, presig.get(),
                    p.action().kind(), p.action().encode(), ctx.signer);
            byte[] payload = f.encode();
            // If the post fails the action stays queued and is proposed again on a later step.
            ctx.board.post(channel.channel(), f.round(), payload);
            it.remove();
            pool.reserve(presig.get());
            SessionId sub = subSession(payload);
            posted.put(p.ticket(), sub);
            unread.put(sub, p);
        }
    }

    /**
     * Whether fewer members than the payout approval quorum q are unsuspected here (this member always counts). A
     * proposal moving the group's bitcoin out would then fail at its approval deadline after taking a presignature
     * and a session from the channel (a presignature, once named, is spent whatever the outcome): it waits in the
     * queue instead, and is posted at the first step after enough suspected members have posted again. Suspicion
     * clears on any valid post, and heartbeats (which go on) give a returning member one to post in. Where
     * q = 2t+1 this never holds back more than {@link #live()} already does.
     */
    public synchronized boolean payoutQuorumShort() {
        return channel.members().size() - suspectedSince.size() < channel.approvals().payouts();
    }

    /** Queued actions of a kind that moves the group's bitcoin out, held while {@link #payoutQuorumShort()}. */
    public synchronized int payoutsHeld() {
        if (!payoutQuorumShort()) {
            return 0;
        }
        return (int) queue.stream().filter(p -> ApprovalQuorum.movesCoinsOut(p.action().kind())).count();
    }

    /** True while this proposal is queued here because it moves coins out and the payout quorum is short. */
    public synchronized boolean heldForPayoutQuorum(Ticket t) {
        return payoutQuorumShort() && queue.stream().anyMatch(p -> p.ticket().equals(t)
                && ApprovalQuorum.movesCoinsOut(p.action().kind()));
    }

    /**
     * Whether this member may post one more proposal: fewer than {@link #maxRunning()} sessions are undecided on the
     * channel as read here, and, while other members also have sessions of their own undecided, this member's own
     * stay within an equal share of that room. Each member judges from its own reading, so members posting in the
     * same step can overshoot, but once their sessions are on the board each one keeps to its share: a lone proposer
     * (a sweep's inputs) may use the whole room, several (the mints' rotating submitters) split it.
     */
    private boolean channelHasRoom() {
        int max = maxRunning();
        if (runningSigns() >= max) {
            return false;
        }
        Map<Integer, Integer> byProposer = new HashMap<>();
        signs.forEach((id, r) -> {
            if (r.outcome().status() == SignOutcome.Status.RUNNING) {
                byProposer.merge(proposers.getOrDefault(id, ctx.self), 1, Integer::sum);
            }
        });
        int own = byProposer.getOrDefault(ctx.self, 0) + unread.size();
        byProposer.remove(ctx.self);
        int sharing = byProposer.size() + 1;
        return own < (max + sharing - 1) / sharing;
    }

    /** Signing sessions on the channel whose approvals or partials are still awaited, plus own ones not read back. */
    private int runningSigns() {
        int n = unread.size();
        for (SignRun r : signs.values()) {
            if (r.outcome().status() == SignOutcome.Status.RUNNING) {
                n++;
            }
        }
        return n;
    }

    @Override
    public String toString() {
        return "SigningCoordinator[member " + ctx.self + ", " + channel.channel() + ", " + pool + "]";
    }
}
