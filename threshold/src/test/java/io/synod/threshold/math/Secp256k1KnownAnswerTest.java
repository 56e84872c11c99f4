package io.synod.threshold.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;

import org.bitcoinj.crypto.ECKey;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import io.synod.threshold.TestRandom;

class Secp256k1KnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void publishedMultiplesOfG() {
        // x-coordinates of 2G and 3G on secp256k1 (SEC 2 generator; widely published values)
        assertEquals("c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5",
                x(Secp256k1.mulG(BigInteger.TWO)));
        assertEquals("f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9",
                x(Secp256k1.mulG(BigInteger.valueOf(3))));
        assertEquals("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", x(Secp256k1.G));
        // (n-1)·G = −G
        assertEquals(Secp256k1.G.negate(), Secp256k1.mulG(Secp256k1.N.subtract(BigInteger.ONE)).normalize());
        assertTrue(Secp256k1.mulG(Secp256k1.N).isInfinity());
    }

    @Test
    void fixedBaseAgreesWithBitcoinjForRandomKeys() {
        var rng = TestRandom.seeded(7);
        for (int i = 0; i < 20; i++) {
            BigInteger k = Scalars.random(rng);
            assertArrayEquals(ECKey.fromPrivate(k).getPubKey(), Secp256k1.encode(Secp256k1.mulG(k)));
        }
    }

    @Test
    void hIsOnCurveIndependentOfGAndReproducible() {
        assertTrue(Secp256k1.H.isValid());
        assertFalse(Secp256k1.H.isInfinity());
        assertFalse(Secp256k1.H.equals(Secp256k1.G));
        assertEquals(Secp256k1.H, Secp256k1.deriveH());
        // derived from the domain string: x = SHA-256 over the length-prefixed domain and counter, even y
        assertEquals(0x02, Secp256k1.encode(Secp256k1.H)[0]);
    }

    @Test
    void hornerEvaluationMatchesDirectSum() {
        var rng = TestRandom.seeded(8);
        Polynomial p = Polynomial.random(4, rng);
        List<ECPoint> c = p.feldman();
        for (int x : new int[] {1, 2, 7, 200, 65535}) {
            assertEquals(Secp256k1.mulG(p.evaluate(x)), Points.evaluate(c, x));
        }
    }

    @Test
    void batchInverseAndLagrange() {
        var rng = TestRandom.seeded(9);
        List<BigInteger> xs = List.of(Scalars.random(rng), Scalars.random(rng), BigInteger.valueOf(5));
        BigInteger[] inv = Scalars.batchInverse(xs);
        for (int i = 0; i < xs.size(); i++) {
            assertEquals(BigInteger.ONE, Scalars.mul(xs.get(i), inv[i]));
        }
        Polynomial p = Polynomial.random(2, rng);
        int[] idx = {2, 5, 9};
        BigInteger[] v = {p.evaluate(2), p.evaluate(5), p.evaluate(9)};
        assertEquals(p.constant(), Lagrange.interpolateAtZero(idx, v));
        assertEquals(p.evaluate(11), Lagrange.interpolateAt(11, idx, v));
        // coefficient form: re-evaluating the recovered coefficients reproduces the polynomial everywhere
        BigInteger[] c = Lagrange.coefficients(idx, v);
        assertEquals(p.constant(), c[0]);
        for (int x : new int[] {1, 4, 300}) {
            BigInteger acc = BigInteger.ZERO;
            for (int k = c.length - 1; k >= 0; k--) {
                acc = Scalars.add(Scalars.mul(acc, BigInteger.valueOf(x)), c[k]);
            }
            assertEquals(p.evaluate(x), acc);
        }
    }

    @Test
    void strictPointDecoding() {
        byte[] g = Secp256k1.encode(Secp256k1.G);
        assertTrue(Secp256k1.tryDecode(g).isPresent());
        byte[] bad = g.clone();
        bad[0] = 0x04;
        assertTrue(Secp256k1.tryDecode(bad).isEmpty());
        byte[] xp = new byte[33];
        xp[0] = 0x02;
        System.arraycopy(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, Secp256k1.P), 0, xp, 1, 32);
        assertTrue(Secp256k1.tryDecode(xp).isEmpty(), "x = p is not canonical");
        byte[] offCurve = new byte[33];
        offCurve[0] = 0x02;
        offCurve[32] = 5; // x = 5: x^3 + 7 = 132 is not a square mod p
        assertTrue(Secp256k1.tryDecode(offCurve).isEmpty());
    }

    private static String x(ECPoint p) {
        return HEX.formatHex(org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32,
                p.normalize().getAffineXCoord().toBigInteger()));
    }
}
