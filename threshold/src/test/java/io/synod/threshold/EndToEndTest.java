package io.synod.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.inprocess.InProcessGroup;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Lagrange;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.presign.Presignature;
import io.synod.threshold.sharing.IndexSet;

class EndToEndTest {

    @Test
    void dkgPresignSignVerifiesWithThreeIndependentVerifiers() {
        InProcessGroup g = InProcessGroup.of(5, TestRandom.seeded(1));
        var dkg = g.dkg(InProcessGroup.sessionId("dkg", 1), IndexSet.range(5), 2);
        assertEquals(IndexSet.range(5), dkg.qualified());
        assertTrue(dkg.evidence().isEmpty());
        Map<Integer, KeyShare> shares = dkg.shares();
        // the shares interpolate the key behind the public key (test-only reconstruction)
        int[] idx = {1, 3, 5};
        BigInteger x = Lagrange.interpolateAtZero(idx,
                new BigInteger[] {shares.get(1).secret(), shares.get(3).secret(), shares.get(5).secret()});
        assertEquals(dkg.group().publicKey(), Secp256k1.mulG(x).normalize());

        Map<Integer, Presignature> pre = g.presign(InProcessGroup.sessionId("pre", 1), IndexSet.range(5), shares);
        byte[] digest = Hashing.hash("test", "hello".getBytes());
        var res = g.sign(InProcessGroup.sessionId("sign", 1), pre, shares, IndexSet.range(5), digest, BigInteger.ZERO);
        IndependentVerifiers.assertVerifiesEverywhere(dkg.group().publicKey(), digest, res.signature());
        assertTrue(pre.values().stream().allMatch(Presignature::isConsumed));
        // second use is impossible by construction
        assertThrows(Presignature.PresignatureConsumedException.class, () -> g.sign(
                InProcessGroup.sessionId("sign", 2), pre, shares, IndexSet.range(5), digest, BigInteger.ZERO));
    }

    @Test
    void tweakedKeySigns() {
        InProcessGroup g = InProcessGroup.of(3, TestRandom.seeded(2));
        var dkg = g.dkg(InProcessGroup.sessionId("dkg", 2), IndexSet.range(3), 1);
        BigInteger delta = Hashing.hashToScalar("deposit", "42".getBytes());
        var pre = g.presign(InProcessGroup.sessionId("pre", 2), IndexSet.range(3), dkg.shares());
        byte[] digest = Hashing.hash("test", "tweak".getBytes());
        var res = g.sign(InProcessGroup.sessionId("sign", 3), pre, dkg.shares(), IndexSet.range(3), digest, delta);
        var tweakedKey = dkg.group().baseKey().add(Secp256k1.mulG(delta)).normalize();
        IndependentVerifiers.assertVerifiesEverywhere(tweakedKey, digest, res.signature());
    }

    @Test
    void refreshOfTheSameSetKeepsTheKeyChangesEveryShareAndStillSigns() {
        InProcessGroup g = InProcessGroup.of(5, TestRandom.seeded(3));
        var dkg = g.dkg(InProcessGroup.sessionId("dkg", 3), IndexSet.range(5), 2);
        var cfg = new io.synod.threshold.reshare.ReshareConfig(InProcessGroup.sessionId("refresh-epoch", 2),
                dkg.group(), IndexSet.range(5), IndexSet.range(5), 2);
        var refreshed = g.reshare(cfg, dkg.shares());
        assertEquals(dkg.group().publicKey(), refreshed.group().publicKey());
        for (int m = 1; m <= 5; m++) {
            assertTrue(!refreshed.shares().get(m).secret().equals(dkg.shares().get(m).secret()), "share " + m);
        }
        var pre = g.presign(InProcessGroup.sessionId("pre", 3), IndexSet.range(5), refreshed.shares());
        byte[] digest = Hashing.hash("test", "refresh".getBytes());
        var res = g.sign(InProcessGroup.sessionId("sign", 4), pre, refreshed.shares(), IndexSet.range(5), digest,
                BigInteger.ZERO);
        IndependentVerifiers.assertVerifiesEverywhere(dkg.group().publicKey(), digest, res.signature());
    }
}
