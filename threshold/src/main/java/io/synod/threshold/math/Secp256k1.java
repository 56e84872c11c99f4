package io.synod.threshold.math;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/** The secp256k1 group: generator G, order N, second generator H, strict point codec. */
public final class Secp256k1 {
    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    public static final ECCurve CURVE = PARAMS.getCurve();
    public static final BigInteger N = PARAMS.getN();
    public static final BigInteger HALF_N = N.shiftRight(1);
    public static final BigInteger P = CURVE.getField().getCharacteristic();
    public static final ECPoint G = PARAMS.getG().normalize();
    /** Domain string from which H is derived; nobody knows log_G(H). */
    public static final String H_DOMAIN = "SYNOD/threshold/v1/pedersen-generator-H";
    public static final ECPoint H = deriveH();
    public static final int SCALAR_BYTES = 32;
    public static final int POINT_BYTES = 33;

    /**
     * Odd-multiple window tables for G and H (width 5: 52 windows of 16 points, 53 KiB each, built once in a few
     * milliseconds); see {@link FixedBaseTable} for why these beat BouncyCastle's comb here.
     */
    private static final FixedBaseTable G_TABLE = FixedBaseTable.of(G, 5);
    private static final FixedBaseTable H_TABLE = FixedBaseTable.of(H, 5);
    /**
     * A wider table of G for public scalars only (width 8: 33 windows of 128 points, 264 KiB): 32 additions per
     * multiple. Too wide for {@link #mulG}, whose constant-time lookup reads every entry of every window.
     */
    private static final FixedBaseTable G_PUBLIC_TABLE = FixedBaseTable.of(G, 8);

    private Secp256k1() {
    }

    /**
     * Hash-to-curve by try-and-increment: x = SHA-256(domain, counter) until x is a valid abscissa; the
     * point with even y is taken. The result is deterministic and its discrete log is unknown to anyone.
     */
    static ECPoint deriveH() {
        for (int counter = 0; ; counter++) {
            byte[] x = Hashing.hash(H_DOMAIN, new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16),
                    (byte) (counter >>> 8), (byte) counter});
            byte[] enc = new byte[POINT_BYTES];
            enc[0] = 0x02;
            System.arraycopy(x, 0, enc, 1, 32);
            Optional<ECPoint> p = tryDecode(enc);
            if (p.isPresent()) {
                return p.get().normalize();
            }
        }
    }

    /** k·G for a secret (or any) scalar: table lookups that do not depend on k. */
    public static ECPoint mulG(BigInteger k) {
        return G_TABLE.multiplySecret(k);
    }

    /** k·G for a public scalar only (verification coefficients): direct table indexing. */
    public static ECPoint mulGPublic(BigInteger k) {
        return G_PUBLIC_TABLE.multiplyPublic(k);
    }

    /** The table behind {@link #mulGPublic}, for sums of public multiples ({@link FixedBaseTable#publicSumEquals}). */
    public static FixedBaseTable gPublicTable() {
        return G_PUBLIC_TABLE;
    }

    public static ECPoint mulH(BigInteger k) {
        return H_TABLE.multiplySecret(k);
    }

    /** a·G + b·H (Pedersen commitment). */
    public static ECPoint pedersen(BigInteger a, BigInteger b) {
        return mulG(a).add(mulH(b));
    }

    public static ECPoint infinity() {
        return CURVE.getInfinity();
    }

    public static byte[] encode(ECPoint p) {
        if (p.isInfinity()) {
            throw new IllegalArgumentException("point at infinity has no encoding");
        }
        return p.getEncoded(true);
    }

    /** Strict decoding of a 33-byte compressed point; empty if not canonical, not on the curve or infinity. */
    public static Optional<ECPoint> tryDecode(byte[] enc) {
        if (enc == null || enc.length != POINT_BYTES || (enc[0] != 0x02 && enc[0] != 0x03)) {
            return Optional.empty();
        }
        byte[] xb = new byte[32];
        System.arraycopy(enc, 1, xb, 0, 32);
        if (new BigInteger(1, xb).compareTo(P) >= 0) {
            return Optional.empty();
        }
        try {
            ECPoint p = CURVE.decodePoint(enc);
            if (p.isInfinity() || !p.isValid()) {
                return Optional.empty();
            }
            return Optional.of(p);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** x-coordinate of a point reduced mod N, as used for ECDSA's r. */
    public static BigInteger xModN(ECPoint p) {
        return p.normalize().getAffineXCoord().toBigInteger().mod(N);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
