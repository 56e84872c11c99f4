package io.synod.threshold.message;

import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

/**
 * Presignature round 1: Feldman commitments to the dealer's k- and α-polynomials (t+1 each), an ephemeral key,
 * and for every signer AES-GCM(k_j(i) ‖ α_j(i)).
 */
public record PresignDealing(Header header, List<ECPoint> kCommitments, List<ECPoint> alphaCommitments,
        ECPoint ephemeral, List<byte[]> ciphertexts) implements ThresholdMessage {
    public static final int CIPHERTEXT_BYTES = 64 + 16;

    public PresignDealing {
        kCommitments = List.copyOf(kCommitments);
        alphaCommitments = List.copyOf(alphaCommitments);
        ciphertexts = ciphertexts.stream().map(byte[]::clone).toList();
    }

    @Override
    public byte[] encode() {
        return new Wire.Writer().header(header).points(kCommitments).points(alphaCommitments).point(ephemeral)
                .blobs(ciphertexts).toBytes();
    }
}
