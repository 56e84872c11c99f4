package io.synod.coordination.application.signing;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.synod.coordination.application.BoardFrame;
import io.synod.coordination.domain.BoardEntry;
import io.synod.coordination.domain.MessageBoard;
import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.membership.domain.FoundingMember;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.dkg.Keys;
import io.synod.threshold.inprocess.MessageInterceptor;
import io.synod.threshold.message.MessageSigner;
import io.synod.threshold.message.SignatureVerifier;
import io.synod.threshold.message.SignedEnvelope;
import io.synod.threshold.message.ThresholdMessage;

/**
 * What one member brings to every signing sub-session: its index, identity signer, ECIES keys, key share,
 * verifiers and board, the identity check of the roster, and the intake every board entry goes through.
 */
final class MemberContext {
    /** A board entry this member refused, and why (a refusal convicts nobody). */
    record Rejection(SessionId session, long sequence, String sender, String reason) {
    }

    /** An entry that passed intake: decoded, sent by the roster member it names, identity signature checked. */
    record Checked(BoardEntry entry, int sender, Object frame) {
    }

    final SigningChannel channel;
    final int self;
    final MessageSigner signer;
    final SignatureVerifier identities;
    final MessageBoard board;
    final KeyShare share;
    final Keys keys;
    final ActionVerifiers verifiers;
    final SecureRandom rng;
    final List<Rejection> rejections = new ArrayList<>();
    /** The last board block at which each member posted something that passed intake (liveness evidence). */
    final java.util.Map<Integer, Long> lastSeen = new java.util.HashMap<>();
    MessageInterceptor outbound = m -> m;

    MemberContext(SigningChannel channel, int self, MessageSigner signer, SignatureVerifier identities,
            MessageBoard board, KeyShare share, Keys keys, ActionVerifiers verifiers, SecureRandom rng) {
        this.channel = channel;
        this.self = self;
        this.signer = signer;
        this.identities = identities;
        this.board = board;
        this.share = share;
        this.keys = keys;
        this.verifiers = verifiers;
        this.rng = rng;
    }

    int quorum() {
        return channel.quorum();
    }

    /**
     * Strict intake: this session, a frame that decodes canonically, a sender index on the roster posted under
     * that member's own board identity, and (for signing frames and round-done) its identity signature over
     * this session and round. Envelopes are opened by the session that knows their context.
     */
    Optional<Checked> intake(BoardEntry e, SessionId session) {
        if (!e.session().equals(session)) {
            return reject(e, "not this session");
        }
        byte[] p = e.payload();
        Object frame;
        int sender;
        if (SigningFrame.isSigningFrame(p)) {
            Optional<SigningFrame> f = SigningFrame.decode(p);
            if (f.isEmpty()) {
                return reject(e, "malformed signing frame");
            }
            frame = f.get();
            sender = f.get().sender();
        } else {
            Optional<BoardFrame> f = BoardFrame.decode(p);
            if (f.isEmpty()) {
                return reject(e, "malformed frame");
            }
            frame = f.get();
            sender = f.get().sender();
        }
        Optional<FoundingMember> claimed = channel.members().byIndex(sender);
        if (claimed.isEmpty()) {
            return reject(e, "sender index " + sender + " is not a member");
        }
        if (!claimed.get().address().equals(e.sender())) {
            return reject(e, "claims member " + sender + " but was posted by another identity");
        }
        if (frame instanceof SigningFrame f && (f.round() != e.round() || !f.verify(session, identities))) {
            return reject(e, "signing frame in the wrong round or with a bad identity signature");
        }
        if (frame instanceof BoardFrame.RoundDone d && (d.round() != e.round() || !d.verify(session, identities))) {
            return reject(e, "round-done with wrong round or bad identity signature");
        }
        lastSeen.merge(sender, e.block(), Math::max);
        return Optional.of(new Checked(e, sender, frame));
    }

    <T> Optional<T> reject(BoardEntry e, String reason) {
        rejections.add(new Rejection(e.session(), e.sequence(), e.sender(), reason));
        return Optional.empty();
    }

    /** Signs a threshold message with the identity key and posts it in the message's own round. */
    SignedEnvelope publish(SessionId session, ThresholdMessage message) {
        ThresholdMessage m = outbound.intercept(message);
        SignedEnvelope env = SignedEnvelope.sign(m, signer);
        board.post(session, m.header().round(), new BoardFrame.Envelope(env).encode());
        return env;
    }

    void post(SessionId session, SigningFrame f) {
        board.post(session, f.round(), f.encode());
    }
}
