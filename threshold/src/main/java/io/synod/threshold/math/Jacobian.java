package io.synod.threshold.math;

import java.math.BigInteger;

import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Mod;
import org.bouncycastle.math.raw.Nat256;

/**
 * A mutable secp256k1 point in Jacobian coordinates over BouncyCastle's fully reduced {@code int[8]} field
 * elements ({@link SecP256K1Field}), with scratch space of its own: a running sum costs no allocation. The
 * hot loops of fixed-base multiplication and of commitment sums add affine points to it (mixed addition,
 * 8M+3S), which is why it exists: BouncyCastle's {@code ECPoint.add} does the same field work but allocates
 * a point and its coordinates per step. Not thread-safe; one per loop.
 */
final class Jacobian {
    final int[] x = new int[8];
    final int[] y = new int[8];
    final int[] z = new int[8];
    private boolean infinity = true;

    private final int[] tt = Nat256.createExt();
    private final int[] t1 = new int[8];
    private final int[] t2 = new int[8];
    private final int[] t3 = new int[8];
    private final int[] t4 = new int[8];
    private final int[] t5 = new int[8];
    private final int[] t6 = new int[8];

    boolean isInfinity() {
        return infinity;
    }

    void setInfinity() {
        infinity = true;
    }

    void setAffine(int[] ax, int[] ay) {
        System.arraycopy(ax, 0, x, 0, 8);
        System.arraycopy(ay, 0, y, 0, 8);
        Nat256.copy(ONE, z);
        infinity = false;
    }

    void set(Jacobian o) {
        System.arraycopy(o.x, 0, x, 0, 8);
        System.arraycopy(o.y, 0, y, 0, 8);
        System.arraycopy(o.z, 0, z, 0, 8);
        infinity = o.infinity;
    }

    /** this += (ax, ay), an affine point (never infinity). Handles the doubling and inverse cases. */
    void addAffine(int[] ax, int[] ay) {
        if (infinity) {
            setAffine(ax, ay);
            return;
        }
        int[] z1z1 = t1;
        int[] u2 = t2;
        int[] s2 = t3;
        SecP256K1Field.square(z, z1z1, tt);
        SecP256K1Field.multiply(ax, z1z1, u2, tt);
        SecP256K1Field.multiply(ay, z, s2, tt);
        SecP256K1Field.multiply(s2, z1z1, s2, tt);
        int[] h = u2;
        SecP256K1Field.subtract(u2, x, h);
        int[] r = s2;
        SecP256K1Field.subtract(s2, y, r);
        if (Nat256.isZero(h)) {
            if (Nat256.isZero(r)) {
                twice();
            } else {
                infinity = true;
            }
            return;
        }
        int[] hh = t1;
        SecP256K1Field.square(h, hh, tt);
        int[] hhh = t4;
        SecP256K1Field.multiply(h, hh, hhh, tt);
        int[] v = t5;
        SecP256K1Field.multiply(x, hh, v, tt);
        // X3 = r² − HHH − 2V
        int[] x3 = t6;
        int[] twoV = hh; // HH is spent
        SecP256K1Field.twice(v, twoV);
        SecP256K1Field.square(r, x3, tt);
        SecP256K1Field.subtract(x3, hhh, x3);
        SecP256K1Field.subtract(x3, twoV, x3);
        // Y3 = r·(V − X3) − Y1·HHH
        SecP256K1Field.subtract(v, x3, v);
        SecP256K1Field.multiply(r, v, v, tt);
        SecP256K1Field.multiply(y, hhh, hhh, tt);
        SecP256K1Field.subtract(v, hhh, y);
        // Z3 = Z1·H
        SecP256K1Field.multiply(z, h, z, tt);
        System.arraycopy(x3, 0, x, 0, 8);
    }

    /** Whether this is the finite point (ax, ay): X = ax·Z² and Y = ay·Z³, all fully reduced. */
    boolean equalsAffine(int[] ax, int[] ay) {
        if (infinity) {
            return false;
        }
        SecP256K1Field.square(z, t1, tt);
        SecP256K1Field.multiply(ax, t1, t2, tt);
        if (!Nat256.eq(t2, x)) {
            return false;
        }
        SecP256K1Field.multiply(t1, z, t1, tt);
        SecP256K1Field.multiply(ay, t1, t2, tt);
        return Nat256.eq(t2, y);
    }

    /**
     * this += the sum of count affine points, given as 16-int entries (x then y) in pts. Points are first added in
     * pairs in affine coordinates, all pairs sharing one inversion (Montgomery's trick: 3M per pair, then λ, x3, y3
     * for 2M+1S), and the halves are then added here (8M+3S each). For 32 points that is 16 pair sums and 15 mixed
     * additions instead of 31: about 40 field multiplications fewer, for one variable-time inversion. Public points
     * only. A pair whose x coincide (equal or opposite points) is added the general way.
     */
    void addAffinePoints(int[] pts, int count) {
        int pairs = count / 2;
        int[][] dx = new int[pairs][8];
        int[][] prefix = new int[pairs][];
        int[] acc = ONE.clone();
        int[] ax = new int[8];
        int[] ay = new int[8];
        int[] bx = new int[8];
        int[] by = new int[8];
        boolean[] general = new boolean[pairs];
        for (int j = 0; j < pairs; j++) {
            System.arraycopy(pts, 2 * j * 16, ax, 0, 8);
            System.arraycopy(pts, (2 * j + 1) * 16, bx, 0, 8);
            SecP256K1Field.subtract(bx, ax, dx[j]);
            if (Nat256.isZero(dx[j])) {
                general[j] = true;
                Nat256.copy(ONE, dx[j]);
            }
            prefix[j] = acc.clone();
            SecP256K1Field.multiply(acc, dx[j], acc, tt);
        }
        // own scratch: addAffine below uses t1..t6
        int[] inv = new int[8];
        invertPublic(acc, inv);
        int[] lambda = new int[8];
        int[] x3 = new int[8];
        int[] y3 = new int[8];
        int[] di = new int[8];
        for (int j = pairs - 1; j >= 0; j--) {
            System.arraycopy(pts, 2 * j * 16, ax, 0, 8);
            System.arraycopy(pts, 2 * j * 16 + 8, ay, 0, 8);
            System.arraycopy(pts, (2 * j + 1) * 16, bx, 0, 8);
            System.arraycopy(pts, (2 * j + 1) * 16 + 8, by, 0, 8);
            if (general[j]) {
                addAffine(ax, ay);
                addAffine(bx, by);
                continue;
            }
            SecP256K1Field.multiply(inv, prefix[j], di, tt); // 1 / dx_j
            SecP256K1Field.multiply(inv, dx[j], inv, tt);
            // λ = (y_b − y_a) / (x_b − x_a); x3 = λ² − x_a − x_b; y3 = λ·(x_a − x3) − y_a
            SecP256K1Field.subtract(by, ay, lambda);
            SecP256K1Field.multiply(lambda, di, lambda, tt);
            SecP256K1Field.square(lambda, x3, tt);
            SecP256K1Field.subtract(x3, ax, x3);
            SecP256K1Field.subtract(x3, bx, x3);
            SecP256K1Field.subtract(ax, x3, y3);
            SecP256K1Field.multiply(lambda, y3, y3, tt);
            SecP256K1Field.subtract(y3, ay, y3);
            addAffine(x3, y3);
        }
        if (count % 2 == 1) {
            System.arraycopy(pts, (count - 1) * 16, ax, 0, 8);
            System.arraycopy(pts, (count - 1) * 16 + 8, ay, 0, 8);
            addAffine(ax, ay);
        }
    }

    /** this = 2·this (a = 0 doubling, 3M+4S); secp256k1 has no point of order 2. */
    void twice() {
        if (infinity) {
            return;
        }
        int[] a = t1;
        int[] b = t2;
        int[] c = t3;
        int[] d = t4;
        int[] e = t5;
        SecP256K1Field.square(x, a, tt);
        SecP256K1Field.square(y, b, tt);
        SecP256K1Field.square(b, c, tt);
        // D = 2·((X + B)² − A − C)
        SecP256K1Field.add(x, b, d);
        SecP256K1Field.square(d, d, tt);
        SecP256K1Field.subtract(d, a, d);
        SecP256K1Field.subtract(d, c, d);
        SecP256K1Field.twice(d, d);
        // E = 3A
        SecP256K1Field.twice(a, e);
        SecP256K1Field.add(e, a, e);
        // Z3 = 2·Y·Z (before Y is overwritten)
        SecP256K1Field.multiply(y, z, z, tt);
        SecP256K1Field.twice(z, z);
        // X3 = E² − 2D
        SecP256K1Field.square(e, x, tt);
        SecP256K1Field.subtract(x, d, x);
        SecP256K1Field.subtract(x, d, x);
        // Y3 = E·(D − X3) − 8C
        SecP256K1Field.subtract(d, x, d);
        SecP256K1Field.multiply(e, d, y, tt);
        SecP256K1Field.twice(c, c);
        SecP256K1Field.twice(c, c);
        SecP256K1Field.twice(c, c);
        SecP256K1Field.subtract(y, c, y);
    }

    /**
     * Affine coordinates into ax, ay (one field inversion); false for the point at infinity. With {@code
     * publicPoint} the inversion is variable-time (only for results everyone may know, such as R').
     */
    boolean toAffine(int[] ax, int[] ay, boolean publicPoint) {
        if (infinity) {
            return false;
        }
        int[] zi = t1;
        int[] zi2 = t2;
        if (publicPoint) {
            Mod.checkedModOddInverseVar(FIELD_P, z, zi);
        } else {
            SecP256K1Field.inv(z, zi);
        }
        SecP256K1Field.square(zi, zi2, tt);
        SecP256K1Field.multiply(x, zi2, ax, tt);
        SecP256K1Field.multiply(zi2, zi, zi2, tt);
        SecP256K1Field.multiply(y, zi2, ay, tt);
        return true;
    }

    /** x/z² into ax with a variable-time inversion (public points only); false for the point at infinity. */
    boolean affineXPublic(int[] ax) {
        if (infinity) {
            return false;
        }
        int[] zi = t1;
        int[] zi2 = t2;
        Mod.checkedModOddInverseVar(FIELD_P, z, zi);
        SecP256K1Field.square(zi, zi2, tt);
        SecP256K1Field.multiply(x, zi2, ax, tt);
        return true;
    }

    /** 1/a mod p in variable time: only for public values. */
    static void invertPublic(int[] a, int[] out) {
        Mod.checkedModOddInverseVar(FIELD_P, a, out);
    }

    ECPoint toPoint(boolean publicPoint) {
        int[] ax = new int[8];
        int[] ay = new int[8];
        if (!toAffine(ax, ay, publicPoint)) {
            return Secp256k1.infinity();
        }
        return Secp256k1.CURVE.createPoint(Nat256.toBigInteger(ax), Nat256.toBigInteger(ay));
    }

    static final int[] ONE = {1, 0, 0, 0, 0, 0, 0, 0};
    private static final int[] FIELD_P = Nat256.fromBigInteger(
            new java.math.BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16));

    /** Affine coordinates of a finite BouncyCastle point as field arrays. */
    static int[][] affine(ECPoint p) {
        ECPoint n = p.normalize();
        return new int[][] {SecP256K1Field.fromBigInteger(n.getAffineXCoord().toBigInteger()),
                SecP256K1Field.fromBigInteger(n.getAffineYCoord().toBigInteger())};
    }

    static BigInteger toBigInteger(int[] fe) {
        return Nat256.toBigInteger(fe);
    }

    /**
     * Normalises many Jacobian points (x[i], y[i], z[i]) in place to affine x[i], y[i] with one field inversion
     * (Montgomery's trick). None may be the point at infinity (z = 0).
     */
    static void normalizeAll(int[][] xs, int[][] ys, int[][] zs) {
        int n = xs.length;
        int[] tt = Nat256.createExt();
        int[][] prefix = new int[n][];
        int[] acc = ONE.clone();
        for (int i = 0; i < n; i++) {
            if (Nat256.isZero(zs[i])) {
                throw new IllegalArgumentException("point at infinity cannot be normalised");
            }
            prefix[i] = acc.clone();
            SecP256K1Field.multiply(acc, zs[i], acc, tt);
        }
        int[] inv = new int[8];
        SecP256K1Field.inv(acc, inv);
        int[] zi = new int[8];
        int[] zi2 = new int[8];
        for (int i = n - 1; i >= 0; i--) {
            SecP256K1Field.multiply(inv, prefix[i], zi, tt);
            SecP256K1Field.multiply(inv, zs[i], inv, tt);
            SecP256K1Field.square(zi, zi2, tt);
            SecP256K1Field.multiply(xs[i], zi2, xs[i], tt);
            SecP256K1Field.multiply(zi2, zi, zi2, tt);
            SecP256K1Field.multiply(ys[i], zi2, ys[i], tt);
            Nat256.copy(ONE, zs[i]);
        }
    }
}
