package io.synod.threshold.message;

import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

/**
 * Resharing round 1 (from an old holder): Feldman commitments to g with g(0) = the holder's share (t'+1 entries;
 * entry 0 must equal the holder's public share X_i), an ephemeral key, and AES-GCM(g(j)) for each new member.
 */
public record ReshareDealing(Header header, List<ECPoint> commitments, ECPoint ephemeral, List<byte[]> ciphertexts)
        implements ThresholdMessage {
    public static final int CIPHERTEXT_BYTES = 32 + 16;

    public ReshareDealing {
        commitments = List.copyOf(commitments);
        ciphertexts = ciphertexts.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] encode() {
        return new Wire.Writer().header(header).points(commitments).point(ephemeral).blobs(ciphertexts).toBytes();
    }
}
