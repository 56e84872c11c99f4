package io.synod.coordination.application;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import io.synod.coordination.domain.BoardCursor;
import io.synod.coordination.domain.BoardEntry;
import io.synod.coordination.domain.BoardRead;
import io.synod.coordination.domain.GenesisAbort;
import io.synod.coordination.domain.GenesisCheckpoint;
import io.synod.coordination.domain.GenesisResult;
import io.synod.coordination.domain.GenesisSession;
import io.synod.coordination.domain.MessageBoard;
import io.synod.coordination.domain.SessionStore;
import io.synod.coordination.domain.ShareSink;
import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.FoundingSet;
import io.synod.threshold.dkg.DkgConfig;
import io.synod.threshold.dkg.DkgMember;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.dkg.Keys;
import io.synod.threshold.dkg.ProtocolAbort;
import io.synod.threshold.inprocess.MessageInterceptor;
import io.synod.threshold.math.SecretScalar;
import io.synod.threshold.message.Complaint;
import io.synod.threshold.message.DecodeException;
import io.synod.threshold.message.DkgDealing;
import io.synod.threshold.message.DkgFeldman;
import io.synod.threshold.message.DkgReveal;
import io.synod.threshold.message.MessageSigner;
import io.synod.threshold.message.MessageType;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.message.SignatureVerifier;
import io.synod.threshold.message.SignedEnvelope;
import io.synod.threshold.message.ThresholdMessage;

/**
 * One founder's side of genesis key generation over the message board. Framework-free: an EJB timer (or any
 * loop) calls {@link #step()}; each step reads the board from its cursor, checks every new entry (strict decode,
 * sender is a founder posting under its own identity, identity signature, session, round; first message per
 * sender and type, or per sender and accused for complaints, wins), and advances {@link DkgMember} through the
 * rounds as they close. Round r closes on the board itself (see {@link GenesisSession}), so every member feeds
 * the core the same messages in the same order.
 *
 * <p>Restart: the member's randomness is a stream from a seed kept in the {@link SessionStore}; {@link #resume}
 * rebuilds the member from the seed and replays the board log, regenerating (not reposting) what it already
 * posted. A regenerated message that differs from the posted one stops the member rather than equivocate.
 */
public final class GenesisCoordinator {

    /** Where the session stands at this member. */
    public enum Status { RUNNING, COMPLETE, ABORTED }

    /** A board entry this member refused, and why (nobody is convicted by a refusal). */
    public record Rejection(long sequence, String sender, String reason) {
    }

    private record Accepted(long block, ThresholdMessage message, byte[] payload) {
    }

    private final GenesisSession session;
    private final FoundingSet founders;
    private final int self;
    private final MessageSigner signer;
    private final SignatureVerifier verifier;
    private final MessageBoard board;
    private final SessionStore store;
    private final ShareSink sink;
    private final SessionContext context;
    private final DkgMember member;
    private GenesisCheckpoint checkpoint;
    private MessageInterceptor outbound = m -> m;

    private BoardCursor cursor;
    private long head;
    private final List<Accepted> accepted = new ArrayList<>();
    private final Map<String, Accepted> bySlot = new HashMap<>();
    private final Map<Integer, Map<Integer, Long>> doneAt = new HashMap<>();
    private final List<Rejection> rejections = new ArrayList<>();

    private int stage;
    private Status status = Status.RUNNING;
    private GenesisResult result;
    private GenesisAbort abort;

    private GenesisCoordinator(GenesisSession session, int self, MessageSigner signer, SecretScalar decryptionKey,
            MessageBoard board, SessionStore store, ShareSink sink, GenesisCheckpoint checkpoint) {
        this.session = session;
        this.founders = session.founders();
        FoundingMember me = founders.member(self);
        this.self = me.index();
        this.signer = signer;
        this.verifier = IdentityKeys.verifier(founders);
        this.board = board;
        this.store = store;
        this.sink = sink;
        this.checkpoint = checkpoint;
        DkgConfig cfg = new DkgConfig(session.id().bytes(), founders.indices(), founders.t());
        this.context = cfg.context();
        this.member = new DkgMember(cfg, new Keys(self, decryptionKey, founders.encryptionKeys()),
                new SessionRandom(checkpoint.seed()));
        this.cursor = new BoardCursor(session.startBlock());
        for (int r = 1; r <= 5; r++) {
            doneAt.put(r, new TreeMap<>());
        }
    }

    /** Starts this member's part of a session: draws a fresh seed and checkpoints it before posting anything. */
    public static GenesisCoordinator start(GenesisSession session, int self, MessageSigner signer,
            SecretScalar decryptionKey, MessageBoard board, SessionStore store, ShareSink sink) {
        if (store.load(session.id()).isPresent()) {
            throw new IllegalStateException("session " + session.id() + " already started here: resume it");
        }
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        GenesisCheckpoint c = new GenesisCheckpoint(session.id(), seed, session.startBlock(), 0, false);
        Arrays.fill(seed, (byte) 0);
        store.save(c);
        return new GenesisCoordinator(session, self, signer, decryptionKey, board, store, sink, c);
    }

    /** Rebuilds this member's part after a restart from its checkpoint; the board log supplies the rest. */
    public static GenesisCoordinator resume(GenesisSession session, int self, MessageSigner signer,
            SecretScalar decryptionKey, MessageBoard board, SessionStore store, ShareSink sink) {
        GenesisCheckpoint c = store.load(session.id())
                .orElseThrow(() -> new IllegalStateException("no checkpoint for session " + session.id()));
        if (c.finished()) {
            throw new IllegalStateException("session " + session.id() + " already finished here");
        }
        return new GenesisCoordinator(session, self, signer, decryptionKey, board, store, sink, c);
    }

    /** Test seam: lets a founder tamper with its own outgoing messages before it signs them (a cheating dealer). */
    GenesisCoordinator interceptOutbound(MessageInterceptor i) {
        this.outbound = i;
        return this;
    }

    public int self() {
        return self;
    }

    public synchronized Status status() {
        return status;
    }

    /** The last round this member has finished posting for. */
    public synchronized int stage() {
        return stage;
    }

    public synchronized Optional<GenesisResult> result() {
        return Optional.ofNullable(result);
    }

    public synchronized Optional<GenesisAbort> failure() {
        return Optional.ofNullable(abort);
    }

    public synchronized List<Rejection> rejections() {
        return List.copyOf(rejections);
    }

    /** Reads what is new on the board and advances as far as closed rounds allow. */
    public synchronized Status step() {
        if (status != Status.RUNNING) {
            return status;
        }
        BoardRead read = board.read(session.id(), cursor);
        read.entries().forEach(this::ingest);
        cursor = read.next();
        head = Math.max(head, read.headBlock());
        advance();
        return status;
    }

    /** Steps until the session ends or the timeout passes, sleeping {@code poll} between empty steps. */
    public Status run(Duration timeout, Duration poll) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (step() == Status.RUNNING) {
            if (System.nanoTime() > end) {
                return status;
            }
            Thread.sleep(poll.toMillis());
        }
        return status;
    }

    // ------------------------------------------------------------------------------------------ board intake

    private void ingest(BoardEntry e) {
        if (!e.session().equals(session.id()) || e.block() < session.startBlock()) {
            reject(e, "not this session");
            return;
        }
        Optional<BoardFrame> decoded = BoardFrame.decode(e.payload());
        if (decoded.isEmpty()) {
            reject(e, "malformed frame");
            return;
        }
        BoardFrame frame = decoded.get();
        Optional<FoundingMember> claimed = founders.byIndex(frame.sender());
        if (claimed.isEmpty()) {
            reject(e, "sender index " + frame.sender() + " is not a founder");
            return;
        }
        if (!claimed.get().address().equals(e.sender())) {
            reject(e, "claims founder " + frame.sender() + " but was posted by another identity");
            return;
        }
        if (frame instanceof BoardFrame.RoundDone d) {
            if (d.round() != e.round() || !d.verify(session.id(), verifier)) {
                reject(e, "round-done with wrong round or bad identity signature");
                return;
            }
            doneAt.get(d.round()).putIfAbsent(d.sender(), e.block());
            return;
        }
        SignedEnvelope env = ((BoardFrame.Envelope) frame).envelope();
        ThresholdMessage m;
        try {
            m = env.open(context, verifier);
        } catch (DecodeException ex) {
            reject(e, "refused by the strict decoder: " + ex.reason());
            return;
        }
        MessageType type = m.header().type();
        if (type.round != e.round() || !type.name().startsWith("DKG_")) {
            reject(e, "message type " + type + " does not belong in board round " + e.round());
            return;
        }
        String slot = slot(m);
        Accepted prior = bySlot.get(slot);
        if (prior != null) {
            // A second, different message for the same slot is equivocation (evidence: both board signatures).
            reject(e, Arrays.equals(prior.payload(), env.payload()) ? "duplicate" : "second message for " + slot);
            return;
        }
        Accepted a = new Accepted(e.block(), m, env.payload());
        bySlot.put(slot, a);
        accepted.add(a);
    }

    /**
     * What a sender may fill once: one message per type, except complaints, which are one per accused dealer
     * (a member may rightly accuse several dealers in one round).
     */
    private static String slot(ThresholdMessage m) {
        String base = m.header().type() + ":" + m.header().sender();
        return m instanceof Complaint c ? base + ":" + c.accused() : base;
    }

    private void reject(BoardEntry e, String reason) {
        rejections.add(new Rejection(e.sequence(), e.sender(), reason));
    }

    /** Round r's closing block, once known from the board; empty while the round is open. */
    private OptionalLong closed(int round) {
        Map<Integer, Long> done = doneAt.get(round);
        long deadline = session.deadline(round);
        if (done.size() == founders.size()) {
            long last = done.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            if (last <= deadline) {
                return OptionalLong.of(last);
            }
        }
        return head > deadline ? OptionalLong.of(deadline) : OptionalLong.empty();
    }

    @SuppressWarnings("unchecked")
    private <T extends ThresholdMessage> List<T> inputs(MessageType type, long closeBlock) {
        List<T> out = new ArrayList<>();
        for (Accepted a : accepted) {
            if (a.message().header().type() == type && a.block() <= closeBlock) {
                out.add((T) a.message());
            }
        }
        return out;
    }

    // -------------------------------------------------------------------------------------------- rounds

    private void advance() {
        while (status == Status.RUNNING) {
            switch (stage) {
                case 0 -> {
                    publish(member.deal());
                    finishRound(1);
                }
                case 1 -> {
                    OptionalLong c = closed(1);
                    if (c.isEmpty()) {
                        return;
                    }
                    List<DkgDealing> dealings = inputs(MessageType.DKG_DEALING, c.getAsLong());
                    member.receiveDealings(dealings).forEach(this::publish);
                    finishRound(2);
                }
                case 2 -> {
                    OptionalLong c = closed(2);
                    if (c.isEmpty()) {
                        return;
                    }
                    Optional<DkgFeldman> f;
                    try {
                        f = member.qualify(inputs(MessageType.DKG_COMPLAINT, c.getAsLong()));
                    } catch (ProtocolAbort a) {
                        fail(a.getMessage(), a.culprits());
                        return;
                    }
                    f.ifPresent(this::publish);
                    finishRound(3);
                }
                case 3 -> {
                    OptionalLong c = closed(3);
                    if (c.isEmpty()) {
                        return;
                    }
                    try {
                        member.checkFeldman(inputs(MessageType.DKG_FELDMAN, c.getAsLong())).forEach(this::publish);
                    } catch (ProtocolAbort a) {
                        fail(a.getMessage(), a.culprits());
                        return;
                    }
                    finishRound(4);
                }
                case 4 -> {
                    OptionalLong c = closed(4);
                    if (c.isEmpty()) {
                        return;
                    }
                    Optional<DkgReveal> reveal = member.resolveFeldman(
                            inputs(MessageType.DKG_FELDMAN_COMPLAINT, c.getAsLong()));
                    if (member.reconstructedDealers().isEmpty()) {
                        // The honest path: nobody convicted in the Feldman phase, so no reveal round at all
                        // (every member reaches this from the same public complaints).
                        conclude(List.of());
                        return;
                    }
                    reveal.ifPresent(this::publish);
                    finishRound(5);
                }
                case 5 -> {
                    OptionalLong c = closed(5);
                    if (c.isEmpty()) {
                        return;
                    }
                    conclude(inputs(MessageType.DKG_REVEAL, c.getAsLong()));
                }
                default -> throw new IllegalStateException("stage " + stage);
            }
        }
    }

    private void finishRound(int round) {
        if (!doneAt.get(round).containsKey(self)) {
            board.post(session.id(), round, BoardFrame.RoundDone.sign(session.id(), round, self, signer).encode());
        }
        stage = round;
        checkpoint = checkpoint.posted(round);
        store.save(checkpoint);
    }

    /** Signs and posts, unless the board already holds this member's message for the slot (a resumed member). */
    private void publish(ThresholdMessage message) {
        ThresholdMessage m = outbound.intercept(message);
        SignedEnvelope env = SignedEnvelope.sign(m, signer);
        Accepted prior = bySlot.get(slot(m));
        if (prior != null) {
            if (!Arrays.equals(prior.payload(), env.payload())) {
                throw new IllegalStateException("regenerated " + m.header().type()
                        + " differs from the one on the board; refusing to equivocate");
            }
            return;
        }
        board.post(session.id(), m.header().round(), new BoardFrame.Envelope(env).encode());
    }

    /** Last step: the key share (convicted dealers reconstructed from the reveals), sealed through the sink. */
    private void conclude(List<DkgReveal> reveals) {
        KeyShare share;
        try {
            share = member.finish(reveals);
        } catch (ProtocolAbort a) {
            fail(a.getMessage(), a.culprits());
            return;
        }
        List<Integer> disqualified = new ArrayList<>();
        for (int m : founders.indices().indices()) {
            if (!member.qualifiedSet().contains(m)) {
                disqualified.add(m);
            }
        }
        result = new GenesisResult(share.group(), member.qualifiedSet(), disqualified, member.unfoundedComplainers(),
                member.reconstructedDealers());
        sink.accept(session.id(), share);
        checkpoint = checkpoint.done();
        store.save(checkpoint);
        status = Status.COMPLETE;
    }

    private void fail(String reason, List<Integer> culprits) {
        abort = new GenesisAbort(reason, culprits);
        status = Status.ABORTED;
    }

    @Override
    public String toString() {
        return "GenesisCoordinator[member " + self + ", " + session.id() + ", stage " + stage + ", " + status + "]";
    }
}
