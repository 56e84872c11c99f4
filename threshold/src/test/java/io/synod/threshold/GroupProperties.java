package io.synod.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import io.synod.threshold.inprocess.InProcessGroup;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Lagrange;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.DkgDealing;
import io.synod.threshold.reshare.ReshareConfig;
import io.synod.threshold.sharing.IndexSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties over random (n, t) (small n: every try runs real key generation). */
class GroupProperties {

    private static IndexSet randomSubset(int n, int size, long seed) {
        List<Integer> all = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            all.add(i);
        }
        Collections.shuffle(all, new Random(seed));
        return new IndexSet(all.subList(0, size).stream().sorted().mapToInt(Integer::intValue).toArray());
    }

    private static int degreeFor(int n, int pick) {
        return 1 + pick % ((n - 1) / 2);
    }

    @Property(tries = 6)
    void anyTwoTPlusOneSignersProduceASignatureEveryVerifierAccepts(@ForAll @IntRange(min = 3, max = 7) int n,
            @ForAll @IntRange(min = 0, max = 9) int pick, @ForAll long seed) {
        int t = degreeFor(n, pick);
        InProcessGroup g = InProcessGroup.of(n, TestRandom.seeded(seed));
        var r = g.dkg(InProcessGroup.sessionId("p-dkg", seed), IndexSet.range(n), t);
        IndexSet signers = randomSubset(n, 2 * t + 1, seed);
        var pre = g.presign(InProcessGroup.sessionId("p-pre", seed), signers, r.shares());
        byte[] digest = Hashing.hash("p", BigInteger.valueOf(seed).toByteArray());
        var res = g.sign(InProcessGroup.sessionId("p-sign", seed), pre, r.shares(), signers, digest, BigInteger.ZERO);
        IndependentVerifiers.assertVerifiesEverywhere(r.group().publicKey(), digest, res.signature());
    }

    @Property(tries = 4)
    void tweakedKeysSign(@ForAll @IntRange(min = 3, max = 6) int n, @ForAll long seed) {
        int t = degreeFor(n, (int) (seed & 7));
        InProcessGroup g = InProcessGroup.of(n, TestRandom.seeded(seed));
        var r = g.dkg(InProcessGroup.sessionId("t-dkg", seed), IndexSet.range(n), t);
        BigInteger delta = Hashing.hashToScalar("SYNOD/test/deposit", BigInteger.valueOf(seed).toByteArray());
        IndexSet signers = randomSubset(n, 2 * t + 1, seed);
        var pre = g.presign(InProcessGroup.sessionId("t-pre", seed), signers, r.shares());
        byte[] digest = Hashing.hash("t", BigInteger.valueOf(seed).toByteArray());
        var res = g.sign(InProcessGroup.sessionId("t-sign", seed), pre, r.shares(), signers, digest, delta);
        var tweaked = r.group().baseKey().add(Secp256k1.mulG(delta)).normalize();
        assertEquals(tweaked, r.group().tweaked(delta).publicKey());
        IndependentVerifiers.assertVerifiesEverywhere(tweaked, digest, res.signature());
    }

    @Property(tries = 4)
    void resharingKeepsTheKeyTheNewSetSignsAndMixedSharesAreUseless(@ForAll @IntRange(min = 3, max = 5) int n,
            @ForAll @IntRange(min = 3, max = 6) int n2, @ForAll long seed) {
        int t = degreeFor(n, (int) (seed & 7));
        int t2 = degreeFor(n2, (int) ((seed >> 3) & 7));
        InProcessGroup g = InProcessGroup.of(n + n2, TestRandom.seeded(seed));
        var r = g.dkg(InProcessGroup.sessionId("r-dkg", seed), IndexSet.range(n), t);
        // the new set overlaps the old one in its first member and adds fresh members
        int[] newIdx = new int[n2];
        for (int i = 0; i < n2; i++) {
            newIdx[i] = n + i;
        }
        IndexSet newSet = new IndexSet(newIdx);
        var rs = g.reshare(new ReshareConfig(InProcessGroup.sessionId("r-rs", seed), r.group(), IndexSet.range(n),
                newSet, t2), r.shares());
        assertEquals(r.group().publicKey(), rs.group().publicKey());
        IndexSet signers = randomSubset(n2, 2 * t2 + 1, seed);
        int[] mapped = java.util.Arrays.stream(signers.indices()).map(i -> n - 1 + i).toArray();
        IndexSet newSigners = new IndexSet(mapped);
        var pre = g.presign(InProcessGroup.sessionId("r-pre", seed), newSigners, rs.shares());
        byte[] digest = Hashing.hash("r", BigInteger.valueOf(seed).toByteArray());
        var res = g.sign(InProcessGroup.sessionId("r-sign", seed), pre, rs.shares(), newSigners, digest,
                BigInteger.ZERO);
        IndependentVerifiers.assertVerifiesEverywhere(r.group().publicKey(), digest, res.signature());
        // mixing: t2 new shares plus one old share of a member outside the new set do not give the key
        if (t2 + 1 <= n2 && n >= 2) {
            int[] idx = new int[t2 + 1];
            BigInteger[] vals = new BigInteger[t2 + 1];
            for (int i = 0; i < t2; i++) {
                idx[i] = newIdx[i + 1];
                vals[i] = rs.shares().get(newIdx[i + 1]).secret();
            }
            idx[t2] = 1;
            vals[t2] = r.shares().get(1).secret();
            int[] order = java.util.stream.IntStream.range(0, t2 + 1).boxed()
                    .sorted(java.util.Comparator.comparingInt(i -> idx[i])).mapToInt(Integer::intValue).toArray();
            int[] si = java.util.Arrays.stream(order).map(i -> idx[i]).toArray();
            BigInteger[] sv = java.util.Arrays.stream(order).mapToObj(i -> vals[i]).toArray(BigInteger[]::new);
            assertNotEquals(r.group().publicKey(), Secp256k1.mulG(Lagrange.interpolateAtZero(si, sv)).normalize());
        }
    }

    @Property(tries = 4)
    void aMaliciousDealerIsDisqualifiedAndAllHonestMembersAgree(@ForAll @IntRange(min = 3, max = 7) int n,
            @ForAll long seed) {
        int t = degreeFor(n, (int) (seed & 7));
        int bad = 1 + (int) Math.floorMod(seed, (long) n);
        int victim = bad % n + 1;
        InProcessGroup g = InProcessGroup.of(n, TestRandom.seeded(seed));
        g.intercept(bad, m -> m instanceof DkgDealing d ? new DkgDealing(d.header(), d.pedersen(), d.ephemeral(),
                Tamper.reencrypt(d.ciphertexts(), victim - 1, victim, d.ephemeral(), d.header().associatedData(victim),
                        g.keys(victim), Tamper::bumpFirstScalar)) : m);
        var r = g.dkg(InProcessGroup.sessionId("m-dkg", seed), IndexSet.range(n), t);
        assertEquals(n - 1, r.qualified().size());
        assertEquals(false, r.qualified().contains(bad));
        r.evidence().forEach(e -> assertEquals(bad, e.culprit()));
        r.shares().values().forEach(s -> assertEquals(r.group().publicKey(), s.group().publicKey()));
    }
}
