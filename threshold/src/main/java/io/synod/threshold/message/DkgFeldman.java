package io.synod.threshold.message;

import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

/** Key generation round 3 (qualified dealers only): Feldman commitments A_k = a_k·G, exactly t+1. */
public record DkgFeldman(Header header, List<ECPoint> commitments) implements ThresholdMessage {
    public DkgFeldman {
        commitments = List.copyOf(commitments);
    }

    @Override
    public byte[] encode() {
        return new Wire.Writer().header(header).points(commitments).toBytes();
    }
}
