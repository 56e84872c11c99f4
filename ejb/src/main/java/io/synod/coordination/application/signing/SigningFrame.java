package io.synod.coordination.application.signing;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.MessageSigner;
import io.synod.threshold.message.SignatureVerifier;
import io.synod.threshold.sharing.IndexSet;

/**
 * The signing protocol's own board frames (threshold messages travel in {@code BoardFrame} envelopes beside them).
 * Every frame names its sender and carries the sender's identity signature over (board session, board round, kind,
 * body), so a frame copied to another session or round never verifies. Encodings are canonical and length-exact;
 * {@link #decode} returns empty for anything else. Kind bytes start at 0x10 so they never collide with BoardFrame's.
 */
public sealed interface SigningFrame {
    int SIGNATURE_BYTES = 64;
    int MAX_ACTION = 64 * 1024;
    int MAX_REASON = 256;

    int sender();

    byte kind();

    /** The body after the kind byte and before the signature. */
    byte[] body();

    byte[] signature();

    /** The board round a frame of this kind is posted in. */
    int round();

    default byte[] encode() {
        byte[] b = body();
        return ByteBuffer.allocate(1 + b.length + SIGNATURE_BYTES).put(kind()).put(b).put(signature()).array();
    }

    default boolean verify(SessionId session, SignatureVerifier identities) {
        return identities.verify(sender(), signingInput(session, round(), kind(), body()), signature());
    }

    static byte[] signingInput(SessionId session, int round, byte kind, byte[] body) {
        return Hashing.hash("SYNOD/signing/frame/v1", session.bytes(), Hashing.u16(round), new byte[] {kind}, body);
    }

    static byte[] sign(SessionId session, int round, byte kind, byte[] body, MessageSigner signer) {
        return signer.sign(signingInput(session, round, kind, body));
    }

    /** On the channel: a member opens a presigning session among {@code signers} making {@code batch} presignatures. */
    record PresignStart(int sender, long nonce, IndexSet signers, int batch, byte[] signature) implements SigningFrame {
        static final byte KIND = 0x10;

        static PresignStart create(SessionId channel, int sender, long nonce, IndexSet signers, int batch,
                MessageSigner s) {
            byte[] body = body(sender, nonce, signers, batch);
            return new PresignStart(sender, nonce, signers, batch, sign(channel, 1, KIND, body, s));
        }

        private static byte[] body(int sender, long nonce, IndexSet signers, int batch) {
            ByteBuffer b = ByteBuffer.allocate(2 + 8 + 2 + 2 + 2 * signers.size()).putShort((short) sender)
                    .putLong(nonce).putShort((short) batch).putShort((short) signers.size());
            for (int i : signers.indices()) {
                b.putShort((short) i);
            }
            return b.array();
        }

        @Override
        public byte kind() {
            return KIND;
        }

        @Override
        public byte[] body() {
            return body(sender, nonce, signers, batch);
        }

        @Override
        public int round() {
            return 1;
        }
    }

    /** On the channel: a member asks the group to sign an action, naming the presignature to use. */
    record Proposal(int sender, long nonce, byte[] presignatureId, ActionKind action, byte[] encodedAction,
            byte[] signature) implements SigningFrame {
        static final byte KIND = 0x11;

        public Proposal {
            presignatureId = presignatureId.clone();
            encodedAction = encodedAction.clone();
        }

        static Proposal create(SessionId channel, int sender, long nonce, byte[] presignatureId, ActionKind action,
                byte[] encoded, MessageSigner s) {
            byte[] body = body(sender, nonce, presignatureId, action, encoded);
            return new Proposal(sender, nonce, presignatureId, action, encoded, sign(channel, 2, KIND, body, s));
        }

        private static byte[] body(int sender, long nonce, byte[] presig, ActionKind action, byte[] encoded) {
            return ByteBuffer.allocate(2 + 8 + 32 + 1 + 4 + encoded.length).putShort((short) sender).putLong(nonce)
                    .put(presig).put((byte) action.code()).putInt(encoded.length).put(encoded).array();
        }

        @Override
        public byte[] presignatureId() {
            return presignatureId.clone();
        }

        @Override
        public byte[] encodedAction() {
            return encodedAction.clone();
        }

        @Override
        public byte kind() {
            return KIND;
        }

        @Override
        public byte[] body() {
            return body(sender, nonce, presignatureId, action, encodedAction);
        }

        @Override
        public int round() {
            return 2;
        }
    }

    /** In a signing session: the sender's verdict on the action, the target it will sign or its refusal. */
    record Approval(int sender, Optional<SigningTarget> target, String refusal, byte[] signature)
            implements SigningFrame {
        static final byte KIND = 0x12;

        public Approval {
            if (target.isPresent() == (refusal != null)) {
                throw new IllegalArgumentException("an approval carries either a target or a refusal");
            }
        }

        static Approval create(SessionId session, int sender, Optional<SigningTarget> target, String refusal,
                MessageSigner s) {
            String reason = refusal == null ? null : truncate(refusal);
            byte[] body = body(sender, target, reason);
            return new Approval(sender, target, reason, sign(session, 1, KIND, body, s));
        }

        private static String truncate(String r) {
            byte[] b = r.getBytes(StandardCharsets.UTF_8);
            return b.length <= MAX_REASON ? r : new String(Arrays.copyOf(b, MAX_REASON), StandardCharsets.UTF_8)
                    .replace("\uFFFD", "");
        }

        private static byte[] body(int sender, Optional<SigningTarget> target, String refusal) {
            if (target.isPresent()) {
                return ByteBuffer.allocate(2 + 1 + 64).putShort((short) sender).put((byte) 1)
                        .put(target.get().digest()).put(io.synod.threshold.math.Scalars.encode(target.get().tweak())).array();
            }
            byte[] r = refusal.getBytes(StandardCharsets.UTF_8);
            return ByteBuffer.allocate(2 + 1 + 2 + r.length).putShort((short) sender).put((byte) 0)
                    .putShort((short) r.length).put(r).array();
        }

        @Override
        public byte kind() {
            return KIND;
        }

        @Override
        public byte[] body() {
            return body(sender, target, refusal);
        }

        @Override
        public int round() {
            return 1;
        }
    }

    /**
     * In a signing session: the sender proves that {@code culprit}'s partial signature, posted at board sequence
     * {@code sequence} (its identity-signed envelope is carried whole), fails the public check for the agreed target.
     */
    record PartialEvidence(int sender, int culprit, long sequence, byte[] envelope, byte[] signature)
            implements SigningFrame {
        static final byte KIND = 0x13;

        public PartialEvidence {
            envelope = envelope.clone();
        }

        static PartialEvidence create(SessionId session, int sender, int culprit, long sequence, byte[] envelope,
                MessageSigner s) {
            byte[] body = body(sender, culprit, sequence, envelope);
            return new PartialEvidence(sender, culprit, sequence, envelope, sign(session, 3, KIND, body, s));
        }

        private static byte[] body(int sender, int culprit, long sequence, byte[] envelope) {
            return ByteBuffer.allocate(2 + 2 + 8 + 4 + envelope.length).putShort((short) sender)
                    .putShort((short) culprit).putLong(sequence).putInt(envelope.length).put(envelope).array();
        }

        @Override
        public byte[] envelope() {
            return envelope.clone();
        }

        @Override
        public byte kind() {
            return KIND;
        }

        @Override
        public byte[] body() {
            return body(sender, culprit, sequence, envelope);
        }

        @Override
        public int round() {
            return 3;
        }
    }

    /** In a signing session: the combined signature, posted once by one member; every member also derives it. */
    record Result(int sender, BigInteger r, BigInteger s, int recoveryId, byte[] signature) implements SigningFrame {
        static final byte KIND = 0x14;

        static Result create(SessionId session, int sender, BigInteger r, BigInteger s, int recoveryId,
                MessageSigner signer) {
            byte[] body = body(sender, r, s, recoveryId);
            return new Result(sender, r, s, recoveryId, sign(session, 4, KIND, body, signer));
        }

        private static byte[] body(int sender, BigInteger r, BigInteger s, int recId) {
            return ByteBuffer.allocate(2 + 32 + 32 + 1).putShort((short) sender).put(io.synod.threshold.math.Scalars.encode(r)).put(io.synod.threshold.math.Scalars.encode(s))
                    .put((byte) recId).array();
        }

        @Override
        public byte kind() {
            return KIND;
        }

        @Override
        public byte[] body() {
            return body(sender, r, s, recoveryId);
        }

        @Override
        public int round() {
            return 4;
        }
    }

    static boolean isSigningFrame(byte[] b) {
        return b.length > 0 && b[0] >= 0x10 && b[0] <= 0x14;
    }

    /** Strict decode: known kind, exact length, values in range; otherwise empty. */
    static Optional<SigningFrame> decode(byte[] b) {
        try {
            return Optional.ofNullable(decodeOrNull(b));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static SigningFrame decodeOrNull(byte[] b) {
        if (b.length < 1 + 2 + SIGNATURE_BYTES) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(b, 1, b.length - 1 - SIGNATURE_BYTES);
        byte[] sig = Arrays.copyOfRange(b, b.length - SIGNATURE_BYTES, b.length);
        int sender = in.getShort() & 0xFFFF;
        if (sender == 0) {
            return null;
        }
        SigningFrame f = switch (b[0]) {
            case PresignStart.KIND -> {
                long nonce = in.getLong();
                int batch = in.getShort() & 0xFFFF;
                int count = in.getShort() & 0xFFFF;
                if (batch < 1 || batch > 256 || count < 1 || in.remaining() != 2 * count) {
                    yield null;
                }
                int[] s = new int[count];
                for (int i = 0; i < count; i++) {
                    s[i] = in.getShort() & 0xFFFF;
                    if (s[i] == 0 || (i > 0 && s[i] <= s[i - 1])) {
                        yield null;
                    }
                }
                yield new PresignStart(sender, nonce, IndexSet.of(s), batch, sig);
            }
            case Proposal.KIND -> {
                long nonce = in.getLong();
                byte[] presig = new byte[32];
                in.get(presig);
                ActionKind kind = ActionKind.ofCode(in.get() & 0xFF);
                int len = in.getInt();
                if (len < 0 || len > MAX_ACTION || in.remaining() != len) {
                    yield null;
                }
                byte[] action = new byte[len];
                in.get(action);
                yield new Proposal(sender, nonce, presig, kind, action, sig);
            }
            case Approval.KIND -> {
                int verdict = in.get();
                if (verdict == 1 && in.remaining() == 64) {
                    byte[] digest = new byte[32];
                    byte[] tweak = new byte[32];
                    in.get(digest).get(tweak);
                    BigInteger d = new BigInteger(1, tweak);
                    yield d.compareTo(Secp256k1.N) >= 0 ? null
                            : new Approval(sender, Optional.of(new SigningTarget(digest, d)), null, sig);
                }
                if (verdict == 0) {
                    int len = in.getShort() & 0xFFFF;
                    if (len > MAX_REASON || in.remaining() != len) {
                        yield null;
                    }
                    byte[] r = new byte[len];
                    in.get(r);
                    String reason = new String(r, StandardCharsets.UTF_8);
                    // Canonical: the reason must round-trip to the same bytes.
                    yield Arrays.equals(reason.getBytes(StandardCharsets.UTF_8), r)
                            ? new Approval(sender, Optional.empty(), reason, sig) : null;
                }
                yield null;
            }
            case PartialEvidence.KIND -> {
                int culprit = in.getShort() & 0xFFFF;
                long seq = in.getLong();
                int len = in.getInt();
                if (culprit == 0 || seq < 1 || len < 1 || len > BoardFrameLimits.MAX || in.remaining() != len) {
                    yield null;
                }
                byte[] env = new byte[len];
                in.get(env);
                yield new PartialEvidence(sender, culprit, seq, env, sig);
            }
            case Result.KIND -> {
                if (in.remaining() != 65) {
                    yield null;
                }
                byte[] r = new byte[32];
                byte[] s = new byte[32];
                in.get(r).get(s);
                int rec = in.get() & 0xFF;
                yield rec > 3 ? null : new Result(sender, new BigInteger(1, r), new BigInteger(1, s), rec, sig);
            }
            default -> null;
        };
        return f;
    }

    /** Bound on a carried envelope (the board frame's own payload bound). */
    final class BoardFrameLimits {
        static final int MAX = io.synod.coordination.application.BoardFrame.MAX_PAYLOAD + 128;

        private BoardFrameLimits() {
        }
    }
}
