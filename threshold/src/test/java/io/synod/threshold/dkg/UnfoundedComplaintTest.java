package io.synod.threshold.dkg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import io.synod.threshold.TestRandom;
import io.synod.threshold.inprocess.InProcessGroup;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.SecretScalar;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.Complaint;
import io.synod.threshold.message.DkgDealing;
import io.synod.threshold.message.DkgFeldman;
import io.synod.threshold.message.MessageType;
import io.synod.threshold.sharing.IndexSet;
import io.synod.threshold.sharing.PrivateShares;

/** Members drive {@link DkgMember} directly: a false accusation convicts nobody and exposes the accuser. */
class UnfoundedComplaintTest {

    @Test
    void aComplaintAgainstAnHonestDealerIsRejectedByEveryone() {
        var rng = TestRandom.seeded(300);
        IndexSet members = IndexSet.range(5);
        Map<Integer, BigInteger> secrets = new TreeMap<>();
        Map<Integer, ECPoint> pubs = new TreeMap<>();
        for (int m : members.indices()) {
            secrets.put(m, Scalars.random(rng));
            pubs.put(m, Secp256k1.mulG(secrets.get(m)).normalize());
        }
        DkgConfig cfg = new DkgConfig(InProcessGroup.sessionId("unfounded", 0), members, 2);
        List<DkgMember> ms = new ArrayList<>();
        for (int m : members.indices()) {
            ms.add(new DkgMember(cfg, new Keys(m, new SecretScalar(secrets.get(m)), pubs), rng));
        }
        List<DkgDealing> dealings = new ArrayList<>();
        ms.forEach(m -> dealings.add(m.deal()));
        List<Complaint> complaints = new ArrayList<>();
        ms.forEach(m -> complaints.addAll(m.receiveDealings(dealings)));
        assertTrue(complaints.isEmpty());
        // member 2 lies: it accuses dealer 1 with a correctly formed, DLEQ-proven reveal of an honest share
        complaints.add(PrivateShares.complain(MessageType.DKG_COMPLAINT, cfg.sessionId(),
                new Keys(2, new SecretScalar(secrets.get(2)), pubs), 1, dealings.get(0).ephemeral(), rng));
        List<DkgFeldman> feldmans = new ArrayList<>();
        for (DkgMember m : ms) {
            m.qualify(complaints).ifPresent(feldmans::add);
            assertEquals(members, m.qualifiedSet(), "the honest dealer stays qualified");
            assertEquals(List.of(2), m.unfoundedComplainers());
        }
        ECPoint key = null;
        for (DkgMember m : ms) {
            assertTrue(m.checkFeldman(feldmans).isEmpty());
            assertTrue(m.resolveFeldman(List.of()).isEmpty());
        }
        for (DkgMember m : ms) {
            KeyShare s = m.finish(List.of());
            if (key != null) {
                assertEquals(key, s.group().publicKey());
            }
            key = s.group().publicKey();
        }
    }
}
