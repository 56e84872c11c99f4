package io.synod.threshold.message;

import java.util.Arrays;

import io.synod.threshold.math.Hashing;

/** A canonical message payload and its sender's identity signature over H("SYNOD/envelope/v1", payload). */
public record SignedEnvelope(byte[] payload, byte[] signature) {
    public SignedEnvelope {
        payload = payload.clone();
        signature = signature.clone();
    }

    public static SignedEnvelope sign(ThresholdMessage m, MessageSigner signer) {
        byte[] p = m.encode();
        return new SignedEnvelope(p, signer.sign(signingInput(p)));
    }

    public static byte[] signingInput(byte[] payload) {
        return Hashing.hash("SYNOD/envelope/v1", payload);
    }

    /** Sender index straight from the header bytes (offset 35), without decoding the body. */
    public int claimedSender() {
        return payload.length >= Header.BYTES ? ((payload[35] & 0xFF) << 8) | (payload[36] & 0xFF) : 0;
    }

    /**
     * The slot a sender may fill once: version, type, session id, round and sender, and for a complaint also
     * the accused dealer, because a member may rightly accuse several dealers in one round.
     */
    public byte[] slot() {
        return Arrays.copyOf(payload, Math.min(payload.length, slotLength(payload)));
    }

    /** Whether the payload is long enough to name its whole slot (a truncated one names none). */
    public boolean hasCompleteSlot() {
        return payload.length >= Header.BYTES && payload.length >= slotLength(payload);
    }

    private static int slotLength(byte[] payload) {
        if (payload.length < Header.BYTES) {
            return Header.BYTES;
        }
        MessageType type = MessageType.of(payload[1] & 0xFF);
        boolean complaint = type == MessageType.DKG_COMPLAINT || type == MessageType.DKG_FELDMAN_COMPLAINT
                || type == MessageType.PRESIGN_COMPLAINT || type == MessageType.RESHARE_COMPLAINT;
        return complaint ? Header.BYTES + 2 : Header.BYTES;
    }

    public boolean verifySignature(SignatureVerifier v) {
        return v.verify(claimedSender(), signingInput(payload), signature);
    }

    /** Decodes and checks the signature; a bad signature is a rejection, not an accusation. */
    public ThresholdMessage open(SessionContext ctx, SignatureVerifier v) throws DecodeException {
        ThresholdMessage m = Codec.decode(payload, ctx);
        if (!verifySignature(v)) {
            throw new DecodeException(DecodeException.Reason.BAD_SIGNATURE, "identity signature does not verify");
        }
        return m;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedEnvelope e && Arrays.equals(e.payload, payload) && Arrays.equals(e.signature, signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload);
    }
}
