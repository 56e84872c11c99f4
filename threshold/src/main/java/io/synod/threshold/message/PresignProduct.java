package io.synod.threshold.message;

import java.math.BigInteger;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.ecies.Dleq;

/**
 * Presignature round 3: the product share μ_i = k_i·α_i with a proof that μ_i·G = k_i·A_i (DLEQ of K_i over G
 * and μ_i·G over A_i), and Q_i = α_i·X_i with a proof that log_G(A_i) = log_{X_i}(Q_i). Q_i lets anyone check a
 * partial signature later without learning anything secret.
 */
public record PresignProduct(Header header, BigInteger mu, Dleq.Proof muProof, ECPoint q, Dleq.Proof qProof)
        implements ThresholdMessage {
    @Override
    public byte[] encode() {
        return new Wire.Writer().header(header).scalar(mu).proof(muProof).point(q).proof(qProof).toBytes();
    }
}
