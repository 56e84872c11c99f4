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
}
