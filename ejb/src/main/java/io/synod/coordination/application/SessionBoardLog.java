package io.synod.coordination.application;

import java.security.SecureRandom;
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
import io.synod.coordination.domain.GenesisCheckpoint;
import io.synod.coordination.domain.MessageBoard;
import io.synod.coordination.domain.SessionStore;
import io.synod.membership.domain.FoundingMember;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.message.Complaint;
import io.synod.threshold.message.DecodeException;
import io.synod.threshold.message.MessageSigner;
import io.synod.threshold.message.MessageType;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.message.SignatureVerifier;
import io.synod.threshold.message.SignedEnvelope;
import io.synod.threshold.message.ThresholdMessage;

/**
 * The board side of one threshold session at one participant, shared by the session coordinators (genesis,
 * resharing). Each {@link #read} takes what is new from the cursor and checks every entry: this session, a
 * well-formed frame, a sender index that takes part and posted under its own identity, the identity signature, a
 * strict decode against the round's context, a message type that belongs in the round, and the first message per
 * slot (sender and type, or sender and accused for complaints) wins. "Round done" frames give each round's closing
 * block, read from the board, so every participant closes each round on the same messages.
 */
public final class SessionBoardLog {

    /** What a session accepts: who takes part, how round r's messages decode, and which types belong in it. */
    public interface Rules {
        Optional<FoundingMember> participant(int index);

        SessionContext context(int round);

        boolean belongs(MessageType type, int round);

        int maxRound();

        /** How the rejection reasons name a participant ("founder", "member"). */
        String noun();
    }

    /** A message accepted from the board: its block, the decoded message and the signed envelope it came in. */
    public record Accepted(long block, ThresholdMessage message, SignedEnvelope envelope) {
    }

    /** A board entry this participant refused, and why (a refusal convicts nobody). */
    public record Rejection(long sequence, String sender, String reason) {
    }

    private final SessionId session;
    private final long startBlock;
    private final MessageBoard board;
    private final SignatureVerifier verifier;
    private final Rules rules;
    private BoardCursor cursor;
    private long head;
    private final List<Accepted> accepted = new ArrayList<>();
    private final Map<String, Accepted> bySlot = new HashMap<>();
    private final Map<Integer, Map<Integer, Long>> doneAt = new HashMap<>();
    private final List<Rejection> rejections = new ArrayList<>();

    public SessionBoardLog(SessionId session, long startBlock, MessageBoard board, SignatureVerifier verifier,
            Rules rules) {
        this.session = session;
        this.startBlock = startBlock;
        this.board = board;
        this.verifier = verifier;
        this.rules = rules;
        this.cursor = new BoardCursor(startBlock);
        for (int r = 1; r <= rules.maxRound(); r++) {
            doneAt.put(r, new TreeMap<>());
        }
    }

    /** A fresh checkpoint with a new random seed, saved before anything is posted; refuses a started session. */
    public static GenesisCheckpoint begin(SessionStore store, SessionId session, long startBlock) {
        if (store.load(session).isPresent()) {
            throw new IllegalStateException("session " + session + " already started here: resume it");
        }
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        GenesisCheckpoint c = new GenesisCheckpoint(session, seed, startBlock, 0, false);
        Arrays.fill(seed, (byte) 0);
        store.save(c);
        return c;
    }

    /** The checkpoint to resume from after a restart; refuses a session that is unknown or finished here. */
    public static GenesisCheckpoint resumeFrom(SessionStore store, SessionId session) {
        GenesisCheckpoint c = store.load(session)
                .orElseThrow(() -> new IllegalStateException("no checkpoint for session " + session));
        if (c.finished()) {
            throw new IllegalStateException("session " + session + " already finished here");
        }
        return c;
    }

    /** Calls {@code running} (a coordinator's step) until it answers false or the timeout passes, pausing between. */
    public static void drive(java.util.function.BooleanSupplier running, java.time.Duration timeout,
            java.time.Duration poll) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (running.getAsBoolean() && System.nanoTime() <= end) {
            Thread.sleep(poll.toMillis());
        }
    }

    /** Reads and checks what is new on the board. */
    public void read() {
        BoardRead read = board.read(session, cursor);
        read.entries().forEach(this::ingest);
        cursor = read.next();
        head = Math.max(head, read.headBlock());
    }

    private void ingest(BoardEntry e) {
        if (!e.session().equals(session) || e.block() < startBlock) {
            reject(e, "not this session");
            return;
        }
        Optional<BoardFrame> decoded = BoardFrame.decode(e.payload());
        if (decoded.isEmpty()) {
            reject(e, "malformed frame");
            return;
        }
        BoardFrame frame = decoded.get();
        Optional<FoundingMember> claimed = rules.participant(frame.sender());
        if (claimed.isEmpty()) {
            reject(e, "sender index " + frame.sender() + " is not a " + rules.noun());
            return;
        }
        if (!claimed.get().address().equals(e.sender())) {
            reject(e, "claims " + rules.noun() + " " + frame.sender() + " but was posted by another identity");
            return;
        }
        if (frame instanceof BoardFrame.RoundDone d) {
            if (d.round() != e.round() || d.round() > rules.maxRound() || !d.verify(session, verifier)) {
                reject(e, "round-done with wrong round or bad identity signature");
                return;
            }
            doneAt.get(d.round()).putIfAbsent(d.sender(), e.block());
            return;
        }
        if (e.round() < 1 || e.round() > rules.maxRound()) {
            reject(e, "no messages belong in board round " + e.round());
            return;
        }
        SignedEnvelope env = ((BoardFrame.Envelope) frame).envelope();
        ThresholdMessage m;
        try {
            m = env.open(rules.context(e.round()), verifier);
        } catch (DecodeException ex) {
            reject(e, "refused by the strict decoder: " + ex.reason());
            return;
        }
        MessageType type = m.header().type();
        if (type.round != e.round() || !rules.belongs(type, e.round())) {
            reject(e, "message type " + type + " does not belong in board round " + e.round());
            return;
        }
        String slot = slot(m);
        Accepted prior = bySlot.get(slot);
        if (prior != null) {
            // A second, different message for the same slot is equivocation (evidence: both board signatures).
            reject(e, Arrays.equals(prior.envelope().payload(), env.payload()) ? "duplicate"
                    : "second message for " + slot);
            return;
        }
        Accepted a = new Accepted(e.block(), m, env);
        bySlot.put(slot, a);
        accepted.add(a);
    }

    /**
     * What a sender may fill once: one message per type, except complaints, which are one per accused dealer
     * (a member may rightly accuse several dealers in one round).
     */
    public static String slot(ThresholdMessage m) {
        return slot(m.header().type(), m.header().sender(), m instanceof Complaint c ? c.accused() : -1);
    }

    /** The slot of {@code sender}'s message of {@code type} ({@code accused} only for complaints, else -1). */
    public static String slot(MessageType type, int sender, int accused) {
        return type + ":" + sender + (accused < 0 ? "" : ":" + accused);
    }

    public Optional<Accepted> inSlot(String slot) {
        return Optional.ofNullable(bySlot.get(slot));
    }

    private void reject(BoardEntry e, String reason) {
        rejections.add(new Rejection(e.sequence(), e.sender(), reason));
    }

    /**
     * Round r's closing block once known from the board: the block of the last of {@code expected} "round done"
     * frames if all came by {@code deadline}, else the deadline once the board is past it; empty while open.
     */
    public OptionalLong closed(int round, int expected, long deadline) {
        Map<Integer, Long> done = doneAt.get(round);
        if (done.size() == expected) {
            long last = done.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            if (last <= deadline) {
                return OptionalLong.of(last);
            }
        }
        return head > deadline ? OptionalLong.of(deadline) : OptionalLong.empty();
    }

    /** Accepted messages of {@code type} posted by {@code closeBlock}, in board order. */
    public List<Accepted> inputs(MessageType type, long closeBlock) {
        List<Accepted> out = new ArrayList<>();
        for (Accepted a : accepted) {
            if (a.message().header().type() == type && a.block() <= closeBlock) {
                out.add(a);
            }
        }
        return out;
    }

    /** Posts this participant's "round done" for {@code round}, unless the board already has it (a resumed one). */
    public void roundDone(int round, int self, MessageSigner signer) {
        if (!doneAt.get(round).containsKey(self)) {
            board.post(session, round, BoardFrame.RoundDone.sign(session, round, self, signer).encode());
        }
    }

    /** Signs and posts, unless the board already holds this participant's message for the slot (a resumed one). */
    public void publish(ThresholdMessage m, MessageSigner signer) {
        SignedEnvelope env = SignedEnvelope.sign(m, signer);
        Accepted prior = bySlot.get(slot(m));
        if (prior != null) {
            if (!Arrays.equals(prior.envelope().payload(), env.payload())) {
                throw new IllegalStateException("regenerated " + m.header().type()
                        + " differs from the one on the board; refusing to equivocate");
            }
            return;
        }
        board.post(session, m.header().round(), new BoardFrame.Envelope(env).encode());
    }

    public List<Rejection> rejections() {
        return List.copyOf(rejections);
    }
}
