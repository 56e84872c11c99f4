package io.synod.threshold.math;

import java.math.BigInteger;
import java.util.List;

import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Field;
import org.bouncycastle.math.raw.Nat;
import org.bouncycastle.math.raw.Nat256;

/**
 * Precomputed odd multiples of one base point B for fixed-base multiplication without doublings.
 *
 * <p>Window i of width w holds the affine points (2j+1)·2^(w·i)·B for j = 0 .. 2^(w−1)−1. A scalar k is made
 * odd (k, or k + N when k is even: same point since N·B = O) and recoded into m = ⌈257/w⌉ odd signed digits
 * d_i ∈ ±{1, 3, .., 2^w − 1} with k = Σ d_i·2^(w·i) (regular recoding: every digit is non-zero, so the
 * sequence of operations is the same for every scalar). Then k·B = Σ ±T_i[(|d_i|−1)/2]: m − 1 mixed additions
 * and one inversion, against ~43 doublings and 43 additions for BouncyCastle's comb or ~256 doublings for a
 * variable base.
 *
 * <p>Two lookups: {@link #multiplySecret} reads every entry of each window and keeps the wanted one with masks
 * (no secret-dependent memory access; for secret scalars such as polynomial coefficients), {@link
 * #multiplyPublic} indexes directly (for public scalars: ρ, verification coefficients). The JVM's BigInteger
 * used to prepare the scalar is not constant-time; the table access pattern is.
 */
public final class FixedBaseTable {
    private final int width;
    private final int windows;
    private final int entries;
    /** Per window: entries × 16 ints (x then y, each 8 little-endian words, fully reduced). */
    private final int[][] table;

    private FixedBaseTable(int width, int[][] table) {
        this.width = width;
        this.windows = table.length;
        this.entries = 1 << (width - 1);
        this.table = table;
    }

    /**
     * Builds the table of a finite point. The window bases 2^(w·i)·B come from m·w Jacobian doublings; the odd
     * multiples of all windows are then grown together in affine coordinates, entry j of every window from
     * entry j−1 plus 2·2^(w·i)·B, with one shared inversion per step (Montgomery's trick): about 6 field
     * multiplications per table point instead of a mixed addition plus a normalisation.
     */
    public static FixedBaseTable of(ECPoint base, int width) {
        if (width < 2 || width > 8) {
            throw new IllegalArgumentException("window width must be 2..8");
        }
        if (base.isInfinity()) {
            throw new IllegalArgumentException("no table for the point at infinity");
        }
        int windows = (257 + width - 1) / width;
        int entries = 1 << (width - 1);
        int[][] b = Jacobian.affine(base);
        // Q_i = 2^(w·i)·B and D_i = 2·Q_i, normalised together.
        int[][] jx = new int[2 * windows][];
        int[][] jy = new int[2 * windows][];
        int[][] jz = new int[2 * windows][];
        Jacobian q = new Jacobian();
        q.setAffine(b[0], b[1]);
        for (int i = 0; i < windows; i++) {
            jx[2 * i] = q.x.clone();
            jy[2 * i] = q.y.clone();
            jz[2 * i] = q.z.clone();
            q.twice();
            jx[2 * i + 1] = q.x.clone();
            jy[2 * i + 1] = q.y.clone();
            jz[2 * i + 1] = q.z.clone();
            for (int s = 1; s < width; s++) {
                q.twice();
            }
        }
        Jacobian.normalizeAll(jx, jy, jz);
        int[][] table = new int[windows][entries * 16];
        for (int i = 0; i < windows; i++) {
            System.arraycopy(jx[2 * i], 0, table[i], 0, 8);
            System.arraycopy(jy[2 * i], 0, table[i], 8, 8);
        }
        int[] tt = Nat256.createExt();
        int[][] den = new int[windows][8];
        int[][] prefix = new int[windows][8];
        int[] inv = new int[8];
        int[] ex = new int[8];
        int[] ey = new int[8];
        int[] lambda = new int[8];
        int[] t = new int[8];
        for (int j = 1; j < entries; j++) {
            int prev = (j - 1) * 16;
            // den_i = x(D_i) − x(e_{i,j−1}); never zero: (2j−1)·Q ≠ ±2·Q for j < 2^(w−1) and a prime order group
            int[] acc = Jacobian.ONE.clone();
            for (int i = 0; i < windows; i++) {
                System.arraycopy(table[i], prev, ex, 0, 8);
                SecP256K1Field.subtract(jx[2 * i + 1], ex, den[i]);
                if (Nat256.isZero(den[i])) {
                    throw new IllegalStateException("degenerate table step");
                }
                System.arraycopy(acc, 0, prefix[i], 0, 8);
                SecP256K1Field.multiply(acc, den[i], acc, tt);
            }
            // Bases are public points (G, H, a presignature's R): a variable-time inversion leaks nothing and costs
            // a fifth of the constant-time one, which matters at 127 steps for width 8.
            Jacobian.invertPublic(acc, inv);
            for (int i = windows - 1; i >= 0; i--) {
                int[] di = t;
                SecP256K1Field.multiply(inv, prefix[i], di, tt); // 1 / den_i
                SecP256K1Field.multiply(inv, den[i], inv, tt);
                System.arraycopy(table[i], prev, ex, 0, 8);
                System.arraycopy(table[i], prev + 8, ey, 0, 8);
                // λ = (y(D) − y(e)) / den; x3 = λ² − x(e) − x(D); y3 = λ·(x(e) − x3) − y(e)
                SecP256K1Field.subtract(jy[2 * i + 1], ey, lambda);
                SecP256K1Field.multiply(lambda, di, lambda, tt);
                int[] x3 = di;
                SecP256K1Field.square(lambda, x3, tt);
                SecP256K1Field.subtract(x3, ex, x3);
                SecP256K1Field.subtract(x3, jx[2 * i + 1], x3);
                System.arraycopy(x3, 0, table[i], j * 16, 8);
                SecP256K1Field.subtract(ex, x3, ex);
                SecP256K1Field.multiply(lambda, ex, ex, tt);
                SecP256K1Field.subtract(ex, ey, ex);
                System.arraycopy(ex, 0, table[i], j * 16 + 8, 8);
            }
        }
        return new FixedBaseTable(width, table);
    }

    public int width() {
        return width;
    }

    /** Number of precomputed affine points (memory: 64 bytes each). */
    public int size() {
        return windows * entries;
    }

    /** k·B for a public scalar (direct table indexing). */
    public ECPoint multiplyPublic(BigInteger k) {
        return multiply(k, false).toPoint(true);
    }

    /**
     * x(k·B) mod N for a public scalar, straight from the Jacobian sum (no point object): what a signer needs of
     * R' = ρ·R. Empty if k·B is the point at infinity.
     */
    public java.util.Optional<BigInteger> publicXModN(BigInteger k) {
        Jacobian j = multiply(k, false);
        int[] ax = new int[8];
        if (!j.affineXPublic(ax)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Jacobian.toBigInteger(ax).mod(Secp256k1.N));
    }

    /** k·B for a secret scalar: every table entry of every window is read, the wanted one kept by masking. */
    public ECPoint multiplySecret(BigInteger k) {
        return multiply(k, true).toPoint(false);
    }

    /**
     * Whether Σ k_j·B_j equals the finite point {@code expected}, for public scalars and the tables of public points
     * B_j: one running Jacobian sum, compared with the affine point projectively (X = x·Z², Y = y·Z³), so no
     * inversion. ECDSA verification against a nonce point already at hand is phrased this way.
     */
    public static boolean publicSumEquals(List<FixedBaseTable> tables, List<BigInteger> scalars, ECPoint expected) {
        if (tables.size() != scalars.size()) {
            throw new IllegalArgumentException("one scalar per table");
        }
        if (expected.isInfinity()) {
            throw new IllegalArgumentException("expected point must be finite");
        }
        int capacity = 0;
        for (FixedBaseTable t : tables) {
            capacity += t.windows;
        }
        int[] points = new int[capacity * 16];
        int count = 0;
        for (int j = 0; j < tables.size(); j++) {
            count += tables.get(j).gatherPublic(scalars.get(j), points, count);
        }
        Jacobian acc = new Jacobian();
        acc.addAffinePoints(points, count);
        int[][] e = Jacobian.affine(expected);
        return acc.equalsAffine(e[0], e[1]);
    }

    Jacobian multiply(BigInteger k, boolean constantTime) {
        Jacobian acc = new Jacobian();
        if (constantTime) {
            addSecret(acc, k);
        } else {
            int[] points = new int[windows * 16];
            acc.addAffinePoints(points, gatherPublic(k, points, 0));
        }
        return acc;
    }

    /** acc += k·B, reading every entry of every window (no secret-dependent memory access). */
    private void addSecret(Jacobian acc, BigInteger k) {
        BigInteger reduced = reduce(k);
        // k or k + N (up to 257 bits): the same operations whatever k's parity
        BigInteger odd = reduced.testBit(0) ? reduced : reduced.add(Secp256k1.N);
        int[] bits = Nat.fromBigInteger(windows * width + 32, odd);
        int[] px = new int[8];
        int[] py = new int[8];
        int[] ny = new int[8];
        for (int i = 0; i < windows; i++) {
            int d = digit(bits, i, windows);
            int neg = d >> 31; // −1 if d < 0
            int abs = (d ^ neg) - neg;
            int index = (abs - 1) >>> 1;
            int[] w = table[i];
            java.util.Arrays.fill(px, 0);
            java.util.Arrays.fill(py, 0);
            for (int j = 0; j < entries; j++) {
                int mask = ((j ^ index) - 1) >> 31;
                int off = j * 16;
                for (int l = 0; l < 8; l++) {
                    px[l] |= w[off + l] & mask;
                    py[l] |= w[off + 8 + l] & mask;
                }
            }
            SecP256K1Field.negate(py, ny);
            for (int l = 0; l < 8; l++) {
                py[l] = (py[l] & ~neg) | (ny[l] & neg);
            }
            acc.addAffine(px, py);
        }
    }

    private static BigInteger reduce(BigInteger k) {
        return k.signum() >= 0 && k.compareTo(Secp256k1.N) < 0 ? k : k.mod(Secp256k1.N);
    }

    /**
     * The affine points whose sum is k·B for a public scalar, written as 16-int entries (x then y) into out from
     * entry offset; returns how many. Public digits index the table directly, and all entries are gathered before
     * any is added: a presignature's table for R is 264 KiB and cold when its one signature comes, and independent
     * reads let the CPU fetch the misses in parallel, where reads between additions would each wait for memory
     * behind the previous addition's dependent chain.
     */
    private int gatherPublic(BigInteger k, int[] out, int offset) {
        BigInteger reduced = reduce(k);
        // an even k is replaced by N − k (odd, below 2^256) and every digit negated, since −(N − k)·B = k·B;
        // 256 bits need one window fewer than 257 at width 8 (and at widths 2 and 4)
        boolean even = !reduced.testBit(0);
        BigInteger odd = even ? Secp256k1.N.subtract(reduced) : reduced;
        int used = (256 + width - 1) / width;
        int flip = even ? -1 : 0;
        int[] bits = Nat.fromBigInteger(windows * width + 32, odd);
        int[] y = new int[8];
        for (int i = 0; i < used; i++) {
            int d = digit(bits, i, used);
            int sign = d >> 31;
            int abs = (d ^ sign) - sign;
            int at = (offset + i) * 16;
            System.arraycopy(table[i], ((abs - 1) >>> 1) * 16, out, at, 16);
            if ((sign ^ flip) != 0) {
                System.arraycopy(out, at + 8, y, 0, 8);
                SecP256K1Field.negate(y, y);
                System.arraycopy(y, 0, out, at + 8, 8);
            }
        }
        return used;
    }

    /**
     * Signed odd digit i of the recoding: window | 1, minus 2^w unless the next window's lowest bit is set (or
     * this is the top window).
     */
    private int digit(int[] bits, int i, int used) {
        int window = bitsAt(bits, i * width, width) | 1;
        int borrow = i == used - 1 ? 0 : 1 - bitsAt(bits, (i + 1) * width, 1);
        return window - (borrow << width);
    }

    /** count (≤ 31) bits of the little-endian word array starting at bit pos. */
    private static int bitsAt(int[] words, int pos, int count) {
        int word = pos >>> 5;
        int shift = pos & 31;
        long v = (words[word] & 0xFFFFFFFFL) >>> shift;
        if (shift + count > 32 && word + 1 < words.length) {
            v |= (words[word + 1] & 0xFFFFFFFFL) << (32 - shift);
        }
        return (int) (v & ((1L << count) - 1));
    }
}
