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

    /** Version, type, session id, round and sender: the slot a sender may fill once. */
    public byte[] slot() {
        return Arrays.copyOf(payload, Math.min(payload.length, Header.BYTES));
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
