package io.synod.coordination.application.reshare;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.coordination.application.IdentityKeys;
import io.synod.coordination.application.SessionBoardLog;
import io.synod.coordination.application.SessionBoardLog.Accepted;
import io.synod.coordination.application.SessionRandom;
import io.synod.coordination.domain.GenesisCheckpoint;
import io.synod.coordination.domain.MessageBoard;
import io.synod.coordination.domain.SessionStore;
import io.synod.coordination.domain.ShareSink;
import io.synod.membership.domain.FoundingMember;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.dkg.Keys;
import io.synod.threshold.dkg.ProtocolAbort;
import io.synod.threshold.evidence.InvalidShareEvidence;
import io.synod.threshold.evidence.WrongConstantEvidence;
import io.synod.threshold.evidence.ShareJudge;
import io.synod.threshold.inprocess.MessageInterceptor;
import io.synod.threshold.math.SecretScalar;
import io.synod.threshold.message.Complaint;
import io.synod.threshold.message.MessageSigner;
import io.synod.threshold.message.MessageType;
import io.synod.threshold.message.ReshareDealing;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.message.SignatureVerifier;
import io.synod.threshold.message.ThresholdMessage;
import io.synod.threshold.reshare.ReshareConfig;
import io.synod.threshold.reshare.ReshareDealer;
import io.synod.threshold.reshare.ReshareReceiver;

/**
 * One participant's side of a resharing over the message board (join, leave or exclusion), in the pattern of
 * genesis: framework-free, driven by {@link #step()}; every board entry is checked (strict decode against the
 * round's context, sender is a participant posting under its own identity, identity signature, first message per
 * slot wins) and rounds close on the board itself, so every participant judges the same dealings and complaints.
 *
 * <p>Round 1: each dealer deals g with g(0) = its share to the new members. Round 2: each new member complains
 * about a sub-share that does not open or contradicts the dealer's commitments. Then every participant judges the
 * complaints from public data alone: a dealer convicted by a complaint, or whose constant commitment is not its
 * public share, is left out (with the signed dealing and complaint as checkable evidence), a complaint that
 * convicts nobody names a false accuser and changes nothing. Receivers combine the remaining dealings into their
 * new share of the same group key (checked: the new commitments' constant term is the old group key).
 *
 * <p>Restart: the seed of the session randomness is checkpointed in the {@link SessionStore} before anything is
 * posted; {@link #resume} regenerates (never reposts differently) what the participant already posted.
 */
public final class ReshareCoordinator {

    /** Where the session stands at this participant. */
    public enum Status { RUNNING, COMPLETE, ABORTED }


    private final ReshareSession session;
    private final ReshareConfig cfg;
    private final int self;
    private final MessageSigner signer;
    private final SignatureVerifier verifier;
    private final SessionStore store;
    private final ShareSink sink;
    private final KeyShare oldShare;
    private final Keys keys;
    private final SecureRandom random;
    private final ReshareReceiver receiver;
    private GenesisCheckpoint checkpoint;
    private MessageInterceptor outbound = m -> m;
    private UnaryOperator<List<Complaint>> complaintHook = c -> c;
    private Dealer dealer = ReshareDealer::deal;

    private final SessionBoardLog log;

    private int stage;
    private Status status = Status.RUNNING;
    private ReshareResult result;
    private String failure;

    private ReshareCoordinator(ReshareSession session, int self, MessageSigner signer, SecretScalar decryptionKey,
            Optional<KeyShare> oldShare, MessageBoard board, SessionStore store, ShareSink sink,
            GenesisCheckpoint checkpoint) {
        FoundingMember me = session.participant(self)
                .orElseThrow(() -> new IllegalArgumentException("member " + self + " takes no part in " + session.id()));
        this.session = session;
        this.cfg = session.config();
        this.self = me.index();
        if (session.isDealer(self) && oldShare.map(s -> s.index() != self
                || !s.group().baseKey().equals(session.oldGroup().baseKey())).orElse(true)) {
            throw new IllegalArgumentException("dealer " + self + " needs its own share of the old group key");
        }
        this.signer = signer;
        this.verifier = IdentityKeys.verifier(session::participant);
        this.store = store;
        this.sink = sink;
        this.oldShare = oldShare.orElse(null);
        this.checkpoint = checkpoint;
        Map<Integer, org.bouncycastle.math.ec.ECPoint> encryption = new TreeMap<>(session.oldMembers().encryptionKeys());
        encryption.putAll(session.newMembers().encryptionKeys());
        this.keys = new Keys(self, decryptionKey, encryption);
        this.random = new SessionRandom(checkpoint.seed());
        this.receiver = session.isReceiver(self) ? new ReshareReceiver(cfg, keys, random) : null;
        this.log = new SessionBoardLog(session.id(), session.startBlock(), board, verifier,
                new SessionBoardLog.Rules() {
                    @Override
                    public Optional<FoundingMember> participant(int index) {
                        return session.participant(index);
                    }

                    @Override
                    public SessionContext context(int round) {
                        return round == 1 ? cfg.dealingContext() : cfg.complaintContext();
                    }

                    @Override
                    public boolean belongs(MessageType type, int round) {
                        return type == (round == 1 ? MessageType.RESHARE_DEALING : MessageType.RESHARE_COMPLAINT);
                    }

                    @Override
                    public int maxRound() {
                        return 2;
                    }

                    @Override
                    public String noun() {
                        return "participant";
                    }
                });
    }

    /** Starts this participant's part: draws a fresh seed and checkpoints it before posting anything. */
    public static ReshareCoordinator start(ReshareSession session, int self, MessageSigner signer,
            SecretScalar decryptionKey, Optional<KeyShare> oldShare, MessageBoard board, SessionStore store,
            ShareSink sink) {
        GenesisCheckpoint c = SessionBoardLog.begin(store, session.id(), session.startBlock());
        return new ReshareCoordinator(session, self, signer, decryptionKey, oldShare, board, store, sink, c);
    }

    /** Rebuilds this participant's part after a restart from its checkpoint; the board log supplies the rest. */
    public static ReshareCoordinator resume(ReshareSession session, int self, MessageSigner signer,
            SecretScalar decryptionKey, Optional<KeyShare> oldShare, MessageBoard board, SessionStore store,
            ShareSink sink) {
        GenesisCheckpoint c = SessionBoardLog.resumeFrom(store, session.id());
        return new ReshareCoordinator(session, self, signer, decryptionKey, oldShare, board, store, sink, c);
    }

    /** Test seam: a participant tampering with its own outgoing messages before signing them (a cheating dealer). */
    ReshareCoordinator interceptOutbound(MessageInterceptor i) {
        this.outbound = i;
        return this;
    }

    /** How a dealer deals: the threshold core's dealer, or a drill's corrupt one ({@link ReshareDrill}). */
    @FunctionalInterface
    interface Dealer {
        ReshareDealing deal(ReshareConfig cfg, KeyShare share, Keys keys, SecureRandom random);
    }

    /** Seam for drills and tests: this participant deals with {@code d} instead of the honest dealer. */
    ReshareCoordinator dealWith(Dealer d) {
        this.dealer = d;
        return this;
    }

    /** Test seam: a participant changing the complaints it posts (e.g. accusing an honest dealer). */
    ReshareCoordinator rewriteComplaints(UnaryOperator<List<Complaint>> hook) {
        this.complaintHook = hook;
        return this;
    }

    /** For the seam above: a well-formed complaint by this participant against {@code dealer}'s dealing. */
    Optional<Complaint> complaintAgainstDealer(int dealer) {
        return log.inSlot(SessionBoardLog.slot(MessageType.RESHARE_DEALING, dealer, -1))
                .map(a -> io.synod.threshold.sharing.PrivateShares.complain(MessageType.RESHARE_COMPLAINT,
                        cfg.sessionId(), keys, dealer, ((ReshareDealing) a.message()).ephemeral(), random));
    }

    /**
     * The complaint of {@code complainer} against {@code dealer} with the dealing it is about, both as signed on the
     * board: what anyone can check with {@link InvalidShareEvidence#verify} (true only if the dealer cheated).
     */
    public synchronized Optional<InvalidShareEvidence> evidenceFromBoard(int complainer, int dealer) {
        Optional<Accepted> dealing = log.inSlot(SessionBoardLog.slot(MessageType.RESHARE_DEALING, dealer, -1));
        Optional<Accepted> complaint = log.inSlot(SessionBoardLog.slot(MessageType.RESHARE_COMPLAINT, complainer,
                dealer));
        return dealing.isEmpty() || complaint.isEmpty() ? Optional.empty()
                : Optional.of(evidence(dealing.get(), complaint.get()));
    }

    private InvalidShareEvidence evidence(Accepted dealing, Accepted complaint) {
        int complainer = complaint.message().header().sender();
        return new InvalidShareEvidence(dealing.envelope(), cfg.dealingContext(), complaint.envelope(),
                cfg.complaintContext(), keys.encryptionKey(complainer), null);
    }

    public int self() {
        return self;
    }

    public ReshareSession session() {
        return session;
    }

    public synchronized Status status() {
        return status;
    }

    public synchronized int stage() {
        return stage;
    }

    public synchronized Optional<ReshareResult> result() {
        return Optional.ofNullable(result);
    }

    public synchronized Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    public synchronized List<SessionBoardLog.Rejection> rejections() {
        return log.rejections();
    }

    /** Reads what is new on the board and advances as far as closed rounds allow. */
    public synchronized Status step() {
        if (status != Status.RUNNING) {
            return status;
        }
        log.read();
        advance();
        return status;
    }

    /** Steps until the session ends or the timeout passes, sleeping {@code poll} between steps. */
    public Status run(Duration timeout, Duration poll) throws InterruptedException {
        SessionBoardLog.drive(() -> step() == Status.RUNNING, timeout, poll);
        return status();
    }

    /** Round 1 closes on the dealers' "round done", round 2 on the new members'; or at the deadline. */
    private OptionalLong closed(int round) {
        int expected = round == 1 ? session.dealers().size() : session.newMembers().size();
        return log.closed(round, expected, session.deadline(round));
    }

    private List<Accepted> inputs(MessageType type, long closeBlock) {
        return log.inputs(type, closeBlock);
    }

    // -------------------------------------------------------------------------------------------- rounds

    private void advance() {
        while (status == Status.RUNNING) {
            switch (stage) {
                case 0 -> {
                    if (session.isDealer(self)) {
                        publish(dealer.deal(cfg, oldShare, keys, random));
                        finishRound(1);
                    } else {
                        stage = 1;
                    }
                }
                case 1 -> {
                    OptionalLong c = closed(1);
                    if (c.isEmpty()) {
                        return;
                    }
                    if (receiver != null) {
                        List<ReshareDealing> dealings = inputs(MessageType.RESHARE_DEALING, c.getAsLong()).stream()
                                .map(a -> (ReshareDealing) a.message()).toList();
                        complaintHook.apply(receiver.receiveDealings(dealings)).forEach(this::publish);
                        finishRound(2);
                    } else {
                        stage = 2;
                    }
                }
                case 2 -> {
                    OptionalLong c = closed(2);
                    if (c.isEmpty()) {
                        return;
                    }
                    conclude(inputs(MessageType.RESHARE_DEALING, closed(1).orElseThrow()),
                            inputs(MessageType.RESHARE_COMPLAINT, c.getAsLong()));
                    return;
                }
                default -> throw new IllegalStateException("stage " + stage);
            }
        }
    }

    private void finishRound(int round) {
        log.roundDone(round, self, signer);
        stage = round;
        checkpoint = checkpoint.posted(round);
        store.save(checkpoint);
    }

    private void publish(ThresholdMessage message) {
        log.publish(outbound.intercept(message), signer);
    }

    /**
     * Judges every complaint from public data (the same at every participant), then, at a receiver, combines the
     * dealings left in into the new share.
     */
    private void conclude(List<Accepted> dealings, List<Accepted> complaints) {
        Map<Integer, Accepted> byDealer = new TreeMap<>();
        dealings.forEach(a -> byDealer.putIfAbsent(a.message().header().sender(), a));
        TreeSet<Integer> excluded = new TreeSet<>();
        List<WrongConstantEvidence> wrongConstants = new ArrayList<>();
        for (Map.Entry<Integer, Accepted> d : byDealer.entrySet()) {
            ReshareDealing rd = (ReshareDealing) d.getValue().message();
            ECPoint publicShare = session.oldGroup().publicShare(d.getKey());
            if (!rd.commitments().get(0).equals(publicShare)) {
                excluded.add(d.getKey());
                wrongConstants.add(new WrongConstantEvidence(d.getValue().envelope(), cfg.dealingContext(),
                        publicShare));
            }
        }
        TreeSet<Integer> falseAccusers = new TreeSet<>();
        List<InvalidShareEvidence> evidence = new ArrayList<>();
        List<InvalidShareEvidence> unfounded = new ArrayList<>();
        for (Accepted a : complaints) {
            Complaint c = (Complaint) a.message();
            int complainer = c.header().sender();
            Accepted dealing = byDealer.get(c.accused());
            boolean guilty = dealing != null && ShareJudge.dealerIsGuilty(dealing.message(),
                    session.newMembers().indices(), c, keys.encryptionKey(complainer), null);
            if (guilty) {
                excluded.add(c.accused());
                evidence.add(evidence(dealing, a));
            } else if (dealing != null && !excluded.contains(c.accused())) {
                falseAccusers.add(complainer);
                unfounded.add(evidence(dealing, a));
            }
        }
        // Judged before the receiver combines, so the evidence survives an abort (too few dealers left in).
        ReshareResult judged = new ReshareResult(session, Optional.empty(), List.copyOf(excluded),
                List.copyOf(falseAccusers), evidence, unfounded, wrongConstants);
        Optional<io.synod.threshold.dkg.GroupKey> newGroup = Optional.empty();
        if (receiver != null) {
            KeyShare share;
            try {
                share = receiver.finish(complaints.stream().map(a -> (Complaint) a.message()).toList());
            } catch (ProtocolAbort ab) {
                failure = ab.getMessage() + " (culprits " + ab.culprits() + ")";
                result = judged;
                status = Status.ABORTED;
                return;
            }
            newGroup = Optional.of(share.group());
            sink.accept(session.id(), share);
        }
        result = new ReshareResult(session, newGroup, judged.excludedDealers(), judged.falseAccusers(), evidence,
                unfounded, wrongConstants);
        checkpoint = checkpoint.done();
        store.save(checkpoint);
        status = Status.COMPLETE;
    }

    @Override
    public String toString() {
        return "ReshareCoordinator[member " + self + ", " + session.kind() + " " + session.id() + ", stage " + stage
                + ", " + status + "]";
    }
}
