package io.synod.threshold.message;

import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

/**
 * Key generation round 1: Pedersen commitments C_k = a_k·G + b_k·H (t+1 of them), one ephemeral ECIES key and,
 * for every member in index order, AES-GCM(f(i) ‖ f'(i)) (64 bytes + 16-byte tag).
 */
public record DkgDealing(Header header, List<ECPoint> pedersen, ECPoint ephemeral, List<byte[]> ciphertexts)
        implements ThresholdMessage {
    public static final int CIPHERTEXT_BYTES = 64 + 16;

    public DkgDealing {
        pedersen = List.copyOf(pedersen);
        ciphertexts = ciphertexts.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] encode() {
        return new Wire.Writer().header(header).points(pedersen).point(ephemeral).blobs(ciphertexts).toBytes();
    }
}
