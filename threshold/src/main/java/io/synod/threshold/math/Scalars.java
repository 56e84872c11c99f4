package io.synod.threshold.math;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;

import org.bouncycastle.util.BigIntegers;

/** Arithmetic modulo the secp256k1 group order N. */
public final class Scalars {
    private Scalars() {
    }

    public static BigInteger random(SecureRandom rng) {
        while (true) {
            BigInteger k = new BigInteger(256, rng);
            if (k.signum() > 0 && k.compareTo(Secp256k1.N) < 0) {
                return k;
            }
        }
    }

    public static boolean isValid(BigInteger k) {
        return k != null && k.signum() >= 0 && k.compareTo(Secp256k1.N) < 0;
    }

    public static BigInteger add(BigInteger a, BigInteger b) {
        BigInteger r = a.add(b);
        return r.compareTo(Secp256k1.N) >= 0 ? r.subtract(Secp256k1.N) : r;
    }

    public static BigInteger sub(BigInteger a, BigInteger b) {
        BigInteger r = a.subtract(b);
        return r.signum() < 0 ? r.add(Secp256k1.N) : r;
    }

    public static BigInteger mul(BigInteger a, BigInteger b) {
        return a.multiply(b).mod(Secp256k1.N);
    }

    public static BigInteger inv(BigInteger a) {
        if (a.mod(Secp256k1.N).signum() == 0) {
            throw new ArithmeticException("zero has no inverse");
        }
        return a.modInverse(Secp256k1.N);
    }

    /** Inverse of a public non-zero scalar (variable time: for values everyone knows, such as ρ). */
    public static BigInteger invPublic(BigInteger a) {
        if (a.signum() <= 0 || a.compareTo(Secp256k1.N) >= 0) {
            throw new ArithmeticException("not an invertible reduced scalar");
        }
        return BigIntegers.modOddInverseVar(Secp256k1.N, a);
    }

    public static byte[] encode(BigInteger k) {
        return BigIntegers.asUnsignedByteArray(Secp256k1.SCALAR_BYTES, k);
    }

    public static BigInteger decode(byte[] b, int off) {
        byte[] s = new byte[Secp256k1.SCALAR_BYTES];
        System.arraycopy(b, off, s, 0, s.length);
        return new BigInteger(1, s);
    }

    /** Montgomery's trick: inverts all entries with one modular inversion. */
    public static BigInteger[] batchInverse(List<BigInteger> xs) {
        int n = xs.size();
        BigInteger[] prefix = new BigInteger[n];
        BigInteger acc = BigInteger.ONE;
        for (int i = 0; i < n; i++) {
            prefix[i] = acc;
            acc = mul(acc, xs.get(i));
        }
        BigInteger inv = inv(acc);
        BigInteger[] out = new BigInteger[n];
        for (int i = n - 1; i >= 0; i--) {
            out[i] = mul(inv, prefix[i]);
            inv = mul(inv, xs.get(i));
        }
        return out;
    }
}
