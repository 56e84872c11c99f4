package io.synod.threshold.math;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Lagrange coefficients at zero for a set of distinct indices, with one modular inversion in total. */
public final class Lagrange {
    private Lagrange() {
    }

    /** λ_i = Π_{j≠i} j / (j − i) for every i in the set, in the set's order. */
    public static BigInteger[] atZero(int[] indices) {
        int m = indices.length;
        List<BigInteger> dens = new ArrayList<>(m);
        BigInteger[] nums = new BigInteger[m];
        for (int a = 0; a < m; a++) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (int b = 0; b < m; b++) {
                if (a != b) {
                    num = Scalars.mul(num, BigInteger.valueOf(indices[b]));
                    den = Scalars.mul(den, Scalars.sub(BigInteger.valueOf(indices[b]), BigInteger.valueOf(indices[a])));
                }
            }
            nums[a] = num;
            dens.add(den);
        }
        BigInteger[] invs = Scalars.batchInverse(dens);
        BigInteger[] out = new BigInteger[m];
        for (int a = 0; a < m; a++) {
            out[a] = Scalars.mul(nums[a], invs[a]);
        }
        return out;
    }

    public static BigInteger interpolateAtZero(int[] indices, BigInteger[] values) {
        BigInteger[] l = atZero(indices);
        BigInteger acc = BigInteger.ZERO;
        for (int i = 0; i < indices.length; i++) {
            acc = Scalars.add(acc, Scalars.mul(l[i], values[i]));
        }
        return acc;
    }

    /** Value at x of the polynomial through (indices[i], values[i]). */
    public static BigInteger interpolateAt(int x, int[] indices, BigInteger[] values) {
        BigInteger acc = BigInteger.ZERO;
        for (int a = 0; a < indices.length; a++) {
            BigInteger num = BigInteger.ONE;
            BigInteger den = BigInteger.ONE;
            for (int b = 0; b < indices.length; b++) {
                if (a != b) {
                    num = Scalars.mul(num, BigInteger.valueOf((long) x - indices[b]).mod(Secp256k1.N));
                    den = Scalars.mul(den, BigInteger.valueOf((long) indices[a] - indices[b]).mod(Secp256k1.N));
                }
            }
            acc = Scalars.add(acc, Scalars.mul(values[a], Scalars.mul(num, Scalars.inv(den))));
        }
        return acc;
    }

    /**
     * Whether all points lie on the polynomial of degree {@code count-1} through the first {@code count}
     * (error detection when more shares than needed are present).
     */
    public static boolean consistent(int[] indices, BigInteger[] values, int count) {
        int[] head = java.util.Arrays.copyOf(indices, count);
        BigInteger[] vals = java.util.Arrays.copyOf(values, count);
        for (int i = count; i < indices.length; i++) {
            if (!interpolateAt(indices[i], head, vals).equals(values[i])) {
                return false;
            }
        }
        return true;
    }

    /** Coefficients c_0..c_{m-1} of the polynomial of degree m-1 through (xs[i], ys[i]); O(m²). */
    public static BigInteger[] coefficients(int[] xs, BigInteger[] ys) {
        int m = xs.length;
        // full = Π (z − x_j), coefficients low to high
        BigInteger[] full = new BigInteger[m + 1];
        java.util.Arrays.fill(full, BigInteger.ZERO);
        full[0] = BigInteger.ONE;
        for (int j = 0; j < m; j++) {
            BigInteger negX = Secp256k1.N.subtract(BigInteger.valueOf(xs[j]));
            for (int k = j + 1; k >= 1; k--) {
                full[k] = Scalars.add(full[k - 1], Scalars.mul(full[k], negX));
            }
            full[0] = Scalars.mul(full[0], negX);
        }
        BigInteger[] out = new BigInteger[m];
        java.util.Arrays.fill(out, BigInteger.ZERO);
        for (int i = 0; i < m; i++) {
            // basis numerator: full / (z − x_i) by synthetic division (from the top)
            BigInteger[] q = new BigInteger[m];
            BigInteger xi = BigInteger.valueOf(xs[i]);
            BigInteger carry = BigInteger.ZERO;
            for (int k = m; k >= 1; k--) {
                carry = Scalars.add(full[k], Scalars.mul(carry, xi));
                q[k - 1] = carry;
            }
            BigInteger den = BigInteger.ONE;
            for (int j = 0; j < m; j++) {
                if (j != i) {
                    den = Scalars.mul(den, Scalars.sub(xi, BigInteger.valueOf(xs[j])));
                }
            }
            BigInteger scale = Scalars.mul(ys[i], Scalars.inv(den));
            for (int k = 0; k < m; k++) {
                out[k] = Scalars.add(out[k], Scalars.mul(q[k], scale));
            }
        }
        return out;
    }
}
