package io.synod.threshold.sharing;

import java.math.BigInteger;
import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.math.Points;
import io.synod.threshold.math.Secp256k1;

/** Share-versus-commitment checks. Vectors must have exactly t+1 entries: a longer one would raise the degree. */
public final class Commitments {
    private Commitments() {
    }

    public static void requireLength(List<ECPoint> c, int t) {
        requireSize(c, t + 1);
    }

    /** Exact size check for concatenated vectors (a batch of B presignatures carries B·(t+1) commitments). */
    public static void requireSize(List<ECPoint> c, int expected) {
        if (c.size() != expected) {
            throw new io.synod.threshold.ThresholdException(
                    "commitment vector has " + c.size() + " entries, expected " + expected);
        }
    }

    public static boolean checkFeldman(List<ECPoint> c, int index, BigInteger share) {
        return Secp256k1.mulG(share).equals(Points.evaluate(c, index));
    }

    public static boolean checkPedersen(List<ECPoint> c, int index, BigInteger share, BigInteger blinding) {
        return Secp256k1.pedersen(share, blinding).equals(Points.evaluate(c, index));
    }
}
