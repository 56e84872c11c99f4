package io.synod.coordination.application;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

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
import io.synod.threshold.message.DkgDealing;
import io.synod.threshold.message.DkgFeldman;
import io.synod.threshold.message.DkgReveal;
import io.synod.threshold.message.MessageSigner;
import io.synod.threshold.message.MessageType;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.message.SignatureVerifier;
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

    private final GenesisSession session;
    private final FoundingSet founders;
    private final int self;
    private final MessageSigner signer;
    private final SignatureVerifier verifier;
    private final SessionStore store;
    private final ShareSink sink;
    private final DkgMember member;
    private final SessionBoardLog log;
    private GenesisCheckpoint checkpoint;
    private MessageInterceptor outbound = m -> m;

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
        this.store = store;
        this.sink = sink;
        this.checkpoint = checkpoint;
        DkgConfig cfg = new DkgConfig(session.id().bytes(), founders.indices(), founders.t());
        SessionContext context = cfg.context();
        this.member = new DkgMember(cfg, new Keys(self, decryptionKey, founders.encryptionKeys()),
                new SessionRandom(checkpoint.seed()));
        this.log = new SessionBoardLog(session.id(), session.startBlock(), board, verifier,
                new SessionBoardLog.Rules() {
                    @Override
                    public Optional<FoundingMember> participant(int index) {
                        return founders.byIndex(index);
                    }

                    @Override
                    public SessionContext context(int round) {
                        return context;
                    }

                    @Override
                    public boolean belongs(MessageType type, int round) {
                        return type.name().startsWith("DKG_");
                    }

                    @Override
                    public int maxRound() {
                        return 5;
                    }

                    @Override
                    public String noun() {
                        return "founder";
                    }
                });
    }

    /** Starts this member's part of a session: draws a fresh seed and checkpoints it before posting anything. */
    public static GenesisCoordinator start(GenesisSession session, int self, MessageSigner signer,
            SecretScalar decryptionKey, MessageBoard board, SessionStore store, ShareSink sink) {
        GenesisCheckpoint c = SessionBoardLog.begin(store, session.id(), session.startBlock());
        return new GenesisCoordinator(session, self, signer, decryptionKey, board, store, sink, c);
    }

    /** Rebuilds this member's part after a restart from its checkpoint; the board log supplies the rest. */
    public static GenesisCoordinator resume(GenesisSession session, int self, MessageSigner signer,
            SecretScalar decryptionKey, MessageBoard board, SessionStore store, ShareSink sink) {
        GenesisCheckpoint c = SessionBoardLog.resumeFrom(store, session.id());
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
        return log.rejections().stream().map(r -> new Rejection(r.sequence(), r.sender(), r.reason())).toList();
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

    /** Steps until the session ends or the timeout passes, sleeping {@code poll} between empty steps. */
    public Status run(Duration timeout, Duration poll) throws InterruptedException {
        SessionBoardLog.drive(() -> step() == Status.RUNNING, timeout, poll);
        return status();
    }

    /** Round r's closing block, once known from the board; empty while the round is open. */
    private OptionalLong closed(int round) {
        return log.closed(round, founders.size(), session.deadline(round));
    }

    @SuppressWarnings("unchecked")
    private <T extends ThresholdMessage> List<T> inputs(MessageType type, long closeBlock) {
        return log.inputs(type, closeBlock).stream().map(a -> (T) a.message()).toList();
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
        log.roundDone(round, self, signer);
        stage = round;
        checkpoint = checkpoint.posted(round);
        store.save(checkpoint);
    }

    private void publish(ThresholdMessage message) {
        log.publish(outbound.intercept(message), signer);
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
