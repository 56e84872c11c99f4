package io.synod.threshold.message;

import java.math.BigInteger;
import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.ecies.Dleq;

/**
 * Presignature round 3, for each presignature b of the batch: the product share μ_i = k_i·α_i with a proof that
 * μ_i·G = k_i·A_i (DLEQ of K_i over G and μ_i·G over A_i), and Q_i = α_i·X_i with a proof that
 * log_G(A_i) = log_{X_i}(Q_i). Q_i lets anyone check a partial signature later without learning a secret.
 */
public record PresignProduct(Header header, List<BigInteger> mu, List<Dleq.Proof> muProofs, List<ECPoint> q,
        List<Dleq.Proof> qProofs) implements ThresholdMessage {

    public PresignProduct {
        mu = List.copyOf(mu);
        muProofs = List.copyOf(muProofs);
        q = List.copyOf(q);
        qProofs = List.copyOf(qProofs);
        int b = mu.size();
        if (muProofs.size() != b || q.size() != b || qProofs.size() != b) {
            throw new IllegalArgumentException("one μ, proof, Q and proof per presignature");
        }
    }

    public int batch() {
        return mu.size();
    }

    @Override
    public byte[] encode() {
        Wire.Writer w = new Wire.Writer().header(header).scalars(mu);
        muProofs.forEach(w::proof);
        w.points(q);
        qProofs.forEach(w::proof);
        return w.toBytes();
    }
}
