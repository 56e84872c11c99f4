package io.synod.threshold.message;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.ecies.Dleq;

/**
 * A complaint against the dealer {@code accused}: the complainer reveals the ECDH point Z = y·E for the
 * accused's ephemeral key E, with a DLEQ proof that log_G(Y) = log_E(Z), so that anyone can decrypt the share
 * the accused sent and judge it.
 */
public record Complaint(Header header, int accused, ECPoint sharedPoint, Dleq.Proof proof) implements ThresholdMessage {
    @Override
    public byte[] encode() {
        return new Wire.Writer().header(header).u16(accused).point(sharedPoint).proof(proof).toBytes();
    }
}
