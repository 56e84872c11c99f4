package io.synod.coordination.application;

import java.nio.ByteBuffer;
import java.util.Optional;

import io.synod.shared.domain.SessionId;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.message.MessageSigner;
import io.synod.threshold.message.SignatureVerifier;
import io.synod.threshold.message.SignedEnvelope;

/**
 * What a member puts in a board payload: either a threshold message in its identity-signed envelope, or the
 * sender's signed statement that it has posted everything it will post for a round ("round done"), which lets
 * rounds where honest members may have nothing to say (complaints) close without waiting for a deadline.
 * Canonical, length-exact encodings; anything else decodes to empty.
 */
public sealed interface BoardFrame {
    byte ENVELOPE = 1;
    byte ROUND_DONE = 2;
    int SIGNATURE_BYTES = 64;
    int MAX_PAYLOAD = 1 << 20;

    byte[] encode();

    int sender();

    /** A threshold message envelope (payload = the canonical message, signature by the sender's identity key). */
    record Envelope(SignedEnvelope envelope) implements BoardFrame {
        @Override
        public byte[] encode() {
            byte[] p = envelope.payload();
            byte[] s = envelope.signature();
            return ByteBuffer.allocate(1 + 4 + p.length + s.length).put(ENVELOPE).putInt(p.length).put(p).put(s)
                    .array();
        }

        @Override
        public int sender() {
            return envelope.claimedSender();
        }
    }

    /** The sender has posted all its messages of {@code round} in this session. */
    record RoundDone(int round, int sender, byte[] signature) implements BoardFrame {
        public RoundDone {
            signature = signature.clone();
        }

        public static RoundDone sign(SessionId session, int round, int sender, MessageSigner signer) {
            return new RoundDone(round, sender, signer.sign(signingInput(session, round, sender)));
        }

        public static byte[] signingInput(SessionId session, int round, int sender) {
            return Hashing.hash("SYNOD/board/round-done/v1", session.bytes(), new byte[] {(byte) round},
                    Hashing.u16(sender));
        }

        public boolean verify(SessionId session, SignatureVerifier v) {
            return v.verify(sender, signingInput(session, round, sender), signature);
        }

        @Override
        public byte[] signature() {
            return signature.clone();
        }

        @Override
        public byte[] encode() {
            return ByteBuffer.allocate(1 + 1 + 2 + SIGNATURE_BYTES).put(ROUND_DONE).put((byte) round)
                    .putShort((short) sender).put(signature).array();
        }
    }

    /** Strict decode: exact lengths, known kind, signature of the expected size; otherwise empty. */
    static Optional<BoardFrame> decode(byte[] b) {
        if (b.length < 1) {
            return Optional.empty();
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        byte kind = in.get();
        if (kind == ENVELOPE && b.length >= 5) {
            int len = in.getInt();
            if (len <= 0 || len > MAX_PAYLOAD || b.length != 5 + len + SIGNATURE_BYTES) {
                return Optional.empty();
            }
            byte[] p = new byte[len];
            byte[] s = new byte[SIGNATURE_BYTES];
            in.get(p).get(s);
            return Optional.of(new Envelope(new SignedEnvelope(p, s)));
        }
        if (kind == ROUND_DONE && b.length == 4 + SIGNATURE_BYTES) {
            int round = in.get() & 0xFF;
            int sender = in.getShort() & 0xFFFF;
            byte[] s = new byte[SIGNATURE_BYTES];
            in.get(s);
            if (round < 1 || round > 5 || sender == 0) {
                return Optional.empty();
            }
            return Optional.of(new RoundDone(round, sender, s));
        }
        return Optional.empty();
    }
}
