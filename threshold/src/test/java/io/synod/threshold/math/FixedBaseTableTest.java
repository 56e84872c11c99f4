package io.synod.threshold.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import io.synod.threshold.TestRandom;

/** The fixed-base fast paths against BouncyCastle's plain (variable-base) multiply, on edge and random scalars. */
class FixedBaseTableTest {
    private static final BigInteger N = Secp256k1.N;

    private static List<BigInteger> scalars(SecureRandom rng, int random) {
        List<BigInteger> ks = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                BigInteger.valueOf(3), N.subtract(BigInteger.ONE), N.subtract(BigInteger.TWO), N.shiftRight(1),
                N.shiftRight(1).add(BigInteger.ONE), BigInteger.ONE.shiftLeft(255), BigInteger.ONE.shiftLeft(128),
                BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE), N, N.add(BigInteger.ONE),
                BigInteger.valueOf(-5)));
        for (int w = 2; w <= 8; w++) {
            for (int i = 0; i < 60; i += w) {
                ks.add(BigInteger.ONE.shiftLeft(i * 4)); // single bits on and around window borders
                ks.add(BigInteger.ONE.shiftLeft(i * 4).subtract(BigInteger.ONE));
            }
        }
        for (int i = 0; i < random; i++) {
            ks.add(new BigInteger(256, rng));
        }
        return ks;
    }

    private static void assertMatches(ECPoint base, FixedBaseTable table, List<BigInteger> ks) {
        for (BigInteger k : ks) {
            ECPoint expected = base.multiply(k.mod(N)).normalize();
            ECPoint pub = table.multiplyPublic(k);
            ECPoint sec = table.multiplySecret(k);
            assertEquals(expected, pub, "public path, k=" + k.toString(16) + " w=" + table.width());
            assertEquals(expected, sec, "secret path, k=" + k.toString(16) + " w=" + table.width());
            assertEquals(expected.isInfinity() ? java.util.Optional.empty()
                    : java.util.Optional.of(expected.getAffineXCoord().toBigInteger().mod(N)), table.publicXModN(k),
                    "x-only path, k=" + k.toString(16) + " w=" + table.width());
            if (!expected.isInfinity()) {
                assertTrue(pub.isValid());
            }
        }
    }

    @Test
    void everyWidthAgreesWithBouncyCastleOnEdgeAndRandomScalars() {
        SecureRandom rng = TestRandom.seeded(41);
        ECPoint random = Secp256k1.G.multiply(new BigInteger(256, rng).mod(N)).normalize();
        for (int w = 2; w <= 8; w++) {
            assertMatches(Secp256k1.G, FixedBaseTable.of(Secp256k1.G, w), scalars(rng, 20));
            assertMatches(random, FixedBaseTable.of(random, w), scalars(rng, 20));
        }
    }

    @Test
    void manyRandomBasesAndScalarsAtTheWidthsInUse() {
        SecureRandom rng = TestRandom.seeded(42);
        for (int round = 0; round < 20; round++) {
            ECPoint base = Secp256k1.G.multiply(new BigInteger(256, rng).mod(N)).normalize();
            for (int w : new int[] {5, 8}) {
                assertMatches(base, FixedBaseTable.of(base, w), scalars(rng, 25));
            }
        }
    }

    @Test
    void generatorAndPedersenGeneratorPathsMatch() {
        SecureRandom rng = TestRandom.seeded(43);
        for (BigInteger k : scalars(rng, 200)) {
            assertEquals(Secp256k1.G.multiply(k.mod(N)).normalize(), Secp256k1.mulG(k).normalize());
            assertEquals(Secp256k1.H.multiply(k.mod(N)).normalize(), Secp256k1.mulH(k).normalize());
            assertEquals(Secp256k1.G.multiply(k.mod(N)).normalize(), Secp256k1.mulGPublic(k).normalize());
        }
    }

    @Test
    void aSumOfPublicMultiplesEqualsExactlyThePointItDenotes() {
        SecureRandom rng = TestRandom.seeded(7);
        for (int round = 0; round < 40; round++) {
            BigInteger p = Scalars.random(rng);
            ECPoint pub = Secp256k1.G.multiply(p).normalize();
            FixedBaseTable pTable = FixedBaseTable.of(pub, 8);
            FixedBaseTable gTable = Secp256k1.gPublicTable();
            BigInteger a = round == 0 ? BigInteger.ZERO : Scalars.random(rng);
            BigInteger b = round == 1 ? BigInteger.ZERO : Scalars.random(rng);
            // a·G + b·P = (a + b·p)·G, computed independently by BouncyCastle
            ECPoint q = Secp256k1.G.multiply(a.add(b.multiply(p)).mod(N)).normalize();
            assertTrue(FixedBaseTable.publicSumEquals(List.of(gTable, pTable), List.of(a, b), q));
            assertFalse(FixedBaseTable.publicSumEquals(List.of(gTable, pTable), List.of(a, b),
                    q.add(Secp256k1.G).normalize()));
            // same x, other y: a check of x alone would accept it
            assertFalse(FixedBaseTable.publicSumEquals(List.of(gTable, pTable), List.of(a, b), q.negate().normalize()));
            assertFalse(FixedBaseTable.publicSumEquals(List.of(gTable, pTable), List.of(a, b.add(BigInteger.ONE)), q));
            // a sum that vanishes equals no finite point
            BigInteger c = N.subtract(a.add(b.multiply(p)).mod(N)).mod(N);
            assertFalse(FixedBaseTable.publicSumEquals(List.of(gTable, pTable, gTable), List.of(a, b, c), q));
        }
        assertThrows(IllegalArgumentException.class,
                () -> FixedBaseTable.publicSumEquals(List.of(Secp256k1.gPublicTable()), List.of(), Secp256k1.G));
        assertThrows(IllegalArgumentException.class, () -> FixedBaseTable.publicSumEquals(
                List.of(Secp256k1.gPublicTable()), List.of(BigInteger.ONE), Secp256k1.infinity()));
    }

    @Test
    void pairwiseAffineSumsHandleEqualAndOppositePointsAndOddCounts() {
        SecureRandom rng = TestRandom.seeded(11);
        for (int round = 0; round < 30; round++) {
            List<ECPoint> pts = new java.util.ArrayList<>();
            int count = 1 + rng.nextInt(33);
            for (int i = 0; i < count; i++) {
                ECPoint p = Secp256k1.G.multiply(Scalars.random(rng)).normalize();
                pts.add(p);
                int kind = rng.nextInt(4);
                if (kind == 0) {
                    pts.add(p); // equal pair: a doubling
                } else if (kind == 1) {
                    pts.add(p.negate().normalize()); // opposite pair: cancels
                }
            }
            int[] flat = new int[pts.size() * 16];
            ECPoint expected = Secp256k1.infinity();
            for (int i = 0; i < pts.size(); i++) {
                int[][] a = Jacobian.affine(pts.get(i));
                System.arraycopy(a[0], 0, flat, i * 16, 8);
                System.arraycopy(a[1], 0, flat, i * 16 + 8, 8);
                expected = expected.add(pts.get(i));
            }
            Jacobian acc = new Jacobian();
            acc.addAffinePoints(flat, pts.size());
            assertEquals(expected.normalize(), acc.toPoint(true).normalize(), "round " + round);
        }
    }

    @Test
    void rejectsInfinityAndOddWidths() {
        assertThrows(IllegalArgumentException.class, () -> FixedBaseTable.of(Secp256k1.infinity(), 5));
        assertThrows(IllegalArgumentException.class, () -> FixedBaseTable.of(Secp256k1.G, 1));
        assertThrows(IllegalArgumentException.class, () -> FixedBaseTable.of(Secp256k1.G, 9));
    }

    @Test
    void jacobianAdditionHandlesDoublingAndInverse() {
        ECPoint p = Secp256k1.G.multiply(BigInteger.valueOf(12345)).normalize();
        int[][] a = Jacobian.affine(p);
        Jacobian j = new Jacobian();
        j.setAffine(a[0], a[1]);
        j.addAffine(a[0], a[1]); // P + P
        assertEquals(p.twice().normalize(), j.toPoint(false));
        int[][] neg = Jacobian.affine(p.multiply(BigInteger.TWO).negate());
        j.addAffine(neg[0], neg[1]); // 2P − 2P
        assertTrue(j.toPoint(false).isInfinity());
        j.addAffine(a[0], a[1]); // O + P
        assertEquals(p, j.toPoint(false));
        assertEquals(p, j.toPoint(true));
    }
}
