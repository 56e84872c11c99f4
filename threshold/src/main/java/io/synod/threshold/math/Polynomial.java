package io.synod.threshold.math;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

/** A secret polynomial of degree t over Z_N (coefficient 0 is the dealt secret). Wipeable, redacted. */
public final class Polynomial {
    private BigInteger[] coefficients;

    private Polynomial(BigInteger[] coefficients) {
        this.coefficients = coefficients;
    }

    public static Polynomial random(int degree, SecureRandom rng) {
        BigInteger[] c = new BigInteger[degree + 1];
        for (int i = 0; i <= degree; i++) {
            c[i] = Scalars.random(rng);
        }
        return new Polynomial(c);
    }

    /** Random polynomial with a fixed constant term (resharing deals the holder's share). */
    public static Polynomial withConstant(BigInteger constant, int degree, SecureRandom rng) {
        Polynomial p = random(degree, rng);
        p.coefficients[0] = constant;
        return p;
    }

    public int degree() {
        return live().length - 1;
    }

    public BigInteger constant() {
        return live()[0];
    }

    public BigInteger evaluate(int x) {
        BigInteger[] c = live();
        BigInteger bx = BigInteger.valueOf(x);
        // Horner without intermediate reductions: x is a small member index, so the value grows by a few bits per
        // coefficient and one reduction at the end replaces t divisions (a large share of a dealer's work).
        BigInteger acc = c[c.length - 1];
        for (int k = c.length - 2; k >= 0; k--) {
            acc = acc.multiply(bx).add(c[k]);
        }
        return acc.mod(Secp256k1.N);
    }

    /** Feldman commitments a_k·G. */
    public List<ECPoint> feldman() {
        BigInteger[] c = live();
        ECPoint[] pts = new ECPoint[c.length];
        for (int k = 0; k < c.length; k++) {
            pts[k] = Secp256k1.mulG(c[k]);
        }
        Secp256k1.CURVE.normalizeAll(pts);
        return List.of(pts);
    }

    /** Pedersen commitments a_k·G + b_k·H with the blinding polynomial b. */
    public List<ECPoint> pedersen(Polynomial blinding) {
        BigInteger[] c = live();
        BigInteger[] b = blinding.live();
        ECPoint[] pts = new ECPoint[c.length];
        for (int k = 0; k < c.length; k++) {
            pts[k] = Secp256k1.pedersen(c[k], b[k]);
        }
        Secp256k1.CURVE.normalizeAll(pts);
        return List.of(pts);
    }

    private BigInteger[] live() {
        if (coefficients == null) {
            throw new IllegalStateException("polynomial was wiped");
        }
        return coefficients;
    }

    public void wipe() {
        if (coefficients != null) {
            java.util.Arrays.fill(coefficients, BigInteger.ZERO);
            coefficients = null;
        }
    }

    @Override
    public String toString() {
        return "Polynomial[redacted]";
    }
}
