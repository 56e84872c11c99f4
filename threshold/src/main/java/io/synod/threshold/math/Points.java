package io.synod.threshold.math;

import java.math.BigInteger;
import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

/** Point helpers that stay in projective coordinates until an encoding or comparison needs affine ones. */
public final class Points {
    private Points() {
    }

    /** k·P for a small non-negative k (a member index) by double-and-add: ~8 doublings for k below 256. */
    public static ECPoint mulSmall(ECPoint p, int k) {
        ECPoint acc = p.getCurve().getInfinity();
        for (int bit = 31 - Integer.numberOfLeadingZeros(k); bit >= 0; bit--) {
            acc = acc.twice();
            if (((k >>> bit) & 1) == 1) {
                acc = acc.add(p);
            }
        }
        return acc;
    }

    /** Σ_k x^k·C_k by Horner's rule with the small index x; cost: t small multiplications and t additions. */
    public static ECPoint evaluate(List<ECPoint> commitments, int x) {
        ECPoint acc = commitments.get(commitments.size() - 1);
        for (int k = commitments.size() - 2; k >= 0; k--) {
            acc = mulSmall(acc, x).add(commitments.get(k));
        }
        return acc;
    }

    /** Component-wise sum of equally long commitment vectors. */
    public static ECPoint[] sumVectors(List<List<ECPoint>> vectors, int length) {
        ECPoint[] out = new ECPoint[length];
        for (int k = 0; k < length; k++) {
            ECPoint acc = Secp256k1.infinity();
            for (List<ECPoint> v : vectors) {
                acc = acc.add(v.get(k));
            }
            out[k] = acc;
        }
        return out;
    }

    /** Σ s_i·P_i (straightforward; used off the hot path). */
    public static ECPoint linearCombination(List<BigInteger> scalars, List<ECPoint> points) {
        ECPoint acc = Secp256k1.infinity();
        for (int i = 0; i < scalars.size(); i++) {
            acc = acc.add(points.get(i).multiply(scalars.get(i)));
        }
        return acc;
    }
}
