package io.synod.threshold.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.security.SecureRandom;

import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import io.synod.threshold.TestRandom;
import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.inprocess.InProcessGroup;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.presign.PresignaturePublic;
import io.synod.threshold.sharing.IndexSet;

/**
 * The online fast paths (R' = ρ·R from the presignature's table, the memoised tweaked key, the public-scalar
 * inverse) give exactly what BouncyCastle's plain arithmetic gives, for real presignatures.
 */
class NonceTableTest {

    @Test
    void tableMultipleOfRMatchesPlainMultiplyForRandomAndEdgeScalars() {
        SecureRandom rng = TestRandom.seeded(77);
        InProcessGroup g = InProcessGroup.of(5, rng);
        var dkg = g.dkg(InProcessGroup.sessionId("dkg", 77), IndexSet.range(5), 2);
        var batch = g.presignBatch(InProcessGroup.sessionId("pre", 77), IndexSet.range(5), dkg.shares(), 3, false);
        for (var presig : batch) {
            PresignaturePublic pub = presig.get(1).publicPart();
            assertArrayEquals(Secp256k1.encode(pub.r()), pub.encodedR());
            BigInteger[] edge = {BigInteger.ONE, BigInteger.TWO, Secp256k1.N.subtract(BigInteger.ONE),
                    Secp256k1.HALF_N, BigInteger.ONE.shiftLeft(200)};
            for (BigInteger rho : edge) {
                assertEquals(pub.r().multiply(rho).normalize(), pub.rTimes(rho));
            }
            for (int i = 0; i < 100; i++) {
                BigInteger rho = Scalars.random(rng);
                assertEquals(pub.r().multiply(rho).normalize(), pub.rTimes(rho));
                assertEquals(rho.modInverse(Secp256k1.N), Scalars.invPublic(rho));
            }
        }
    }

    @Test
    void rerandomisedNonceAndTweakedKeyMatchTheirDefinitions() {
        SecureRandom rng = TestRandom.seeded(78);
        InProcessGroup g = InProcessGroup.of(3, rng);
        var dkg = g.dkg(InProcessGroup.sessionId("dkg", 78), IndexSet.range(3), 1);
        var pre = g.presign(InProcessGroup.sessionId("pre", 78), IndexSet.range(3), dkg.shares());
        PresignaturePublic pub = pre.get(2).publicPart();
        BigInteger delta = Hashing.hashToScalar("deposit", "7".getBytes());
        GroupKey tweaked = dkg.group().tweaked(delta);
        ECPoint expectedKey = dkg.group().baseKey().add(Secp256k1.G.multiply(delta)).normalize();
        assertEquals(expectedKey, tweaked.publicKey());
        assertEquals(expectedKey, tweaked.publicKey()); // memoised value, asked twice
        byte[] digest = Hashing.hash("test", "nonce".getBytes());
        Rerandomiser.Nonce n = Rerandomiser.derive(pub, digest, delta, tweaked.publicKey());
        BigInteger rho = Hashing.hashToScalar("SYNOD/presign-rerandomise/v1", pub.id(), Secp256k1.encode(pub.r()),
                digest, Scalars.encode(delta), Secp256k1.encode(expectedKey));
        assertEquals(rho, n.rho());
        assertEquals(pub.r().multiply(rho).normalize(), n.point());
        assertEquals(pub.r().multiply(rho).normalize().getAffineXCoord().toBigInteger().mod(Secp256k1.N), n.r());
        assertEquals(BigInteger.ONE, n.rho().multiply(n.rhoInv()).mod(Secp256k1.N));
    }
}
