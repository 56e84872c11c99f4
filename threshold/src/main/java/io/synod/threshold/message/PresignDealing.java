package io.synod.threshold.message;

import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

/**
 * Presignature round 1 for a batch of B presignatures: for each b, Feldman commitments to the dealer's k- and
 * α-polynomials (t+1 each, concatenated b-major), one ephemeral key, and for every signer one ciphertext of
 * (k_{j,b}(i) ‖ α_{j,b}(i)) for b = 0..B-1 (64·B bytes + 16-byte tag): one ECDH per signer pair per batch.
 */
public record PresignDealing(Header header, int batch, List<ECPoint> kCommitments, List<ECPoint> alphaCommitments,
        ECPoint ephemeral, List<byte[]> ciphertexts) implements ThresholdMessage {

    public PresignDealing {
        if (batch < 1 || batch > SessionContext.MAX_BATCH) {
            throw new IllegalArgumentException("batch size out of range");
        }
        kCommitments = List.copyOf(kCommitments);
        alphaCommitments = List.copyOf(alphaCommitments);
        ciphertexts = ciphertexts.stream().map(byte[]::clone).toList();
    }

    public static int ciphertextBytes(int batch) {
        return 64 * batch + 16;
    }

    public List<ECPoint> kCommitments(int b) {
        int w = kCommitments.size() / batch;
        return kCommitments.subList(b * w, (b + 1) * w);
    }

    public List<ECPoint> alphaCommitments(int b) {
        int w = alphaCommitments.size() / batch;
        return alphaCommitments.subList(b * w, (b + 1) * w);
    }

    @Override
    public byte[] encode() {
        return new Wire.Writer().header(header).u16(batch).points(kCommitments).points(alphaCommitments)
                .point(ephemeral).blobs(ciphertexts).toBytes();
    }
}
