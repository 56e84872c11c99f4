package io.synod.threshold;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.inprocess.GroupAbort;
import io.synod.threshold.inprocess.InProcessGroup;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Polynomial;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.SecretScalar;
import io.synod.threshold.message.PartialSignatureMessage;
import io.synod.threshold.presign.Presignature;
import io.synod.threshold.presign.PresignatureStore;
import io.synod.threshold.sharing.IndexSet;

class SecretHygieneTest {

    private static List<String> renderings(BigInteger v) {
        List<String> out = new ArrayList<>();
        out.add(v.toString());
        out.add(v.toString(16));
        out.add(java.util.HexFormat.of().formatHex(Scalars.encode(v)));
        return out;
    }

    private static void assertHidden(String text, BigInteger secret) {
        for (String r : renderings(secret)) {
            assertFalse(text.toLowerCase().contains(r.toLowerCase()), "secret leaked into: " + text);
        }
    }

    @Test
    void secretTypesAreRedactedAndWipeable() {
        InProcessGroup g = InProcessGroup.of(3, TestRandom.seeded(200));
        var r = g.dkg(InProcessGroup.sessionId("h-dkg", 0), IndexSet.range(3), 1);
        KeyShare share = r.shares().get(1);
        BigInteger x = share.secret();
        assertHidden(share.toString(), x);
        assertTrue(share.toString().contains("redacted"));
        var pre = g.presign(InProcessGroup.sessionId("h-pre", 0), IndexSet.range(3), r.shares());
        assertTrue(pre.get(1).toString().contains("redacted"));
        assertTrue(g.keys(1).toString().contains("redacted"));
        SecretScalar s = new SecretScalar(BigInteger.TEN);
        assertFalse(s.toString().contains("10"));
        s.wipe();
        assertThrows(IllegalStateException.class, s::value);
        Polynomial p = Polynomial.random(2, TestRandom.seeded(1));
        BigInteger c = p.constant();
        assertHidden(p.toString(), c);
        p.wipe();
        assertThrows(IllegalStateException.class, () -> p.evaluate(1));
        share.wipe();
        assertTrue(share.isWiped());
        assertThrows(IllegalStateException.class, share::secret);
    }

    @Test
    void abortMessagesCarryNoSecrets() {
        InProcessGroup g = InProcessGroup.of(3, TestRandom.seeded(201));
        var r = g.dkg(InProcessGroup.sessionId("h-dkg2", 0), IndexSet.range(3), 1);
        var pre = g.presign(InProcessGroup.sessionId("h-pre2", 0), IndexSet.range(3), r.shares());
        BigInteger[] leaked = new BigInteger[1];
        g.intercept(2, m -> {
            if (m instanceof PartialSignatureMessage p) {
                leaked[0] = p.s();
                return new PartialSignatureMessage(p.header(), p.presignatureId(), Scalars.add(p.s(), BigInteger.ONE));
            }
            return m;
        });
        GroupAbort a = assertThrows(GroupAbort.class, () -> g.sign(InProcessGroup.sessionId("h-sign", 0), pre,
                r.shares(), IndexSet.range(3), Hashing.hash("x", new byte[0]), BigInteger.ZERO));
        for (KeyShare s : r.shares().values()) {
            assertHidden(a.getMessage(), s.secret());
        }
        assertHidden(a.getMessage(), leaked[0]);
    }

    @Test
    void presignatureStoreNeverHandsOutAPresignatureTwice() {
        InProcessGroup g = InProcessGroup.of(3, TestRandom.seeded(202));
        var r = g.dkg(InProcessGroup.sessionId("h-dkg3", 0), IndexSet.range(3), 1);
        PresignatureStore store = new PresignatureStore();
        for (int i = 0; i < 3; i++) {
            store.add(g.presign(InProcessGroup.sessionId("h-pre3", i), IndexSet.range(3), r.shares()).get(1));
        }
        List<Presignature> taken = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            taken.add(store.take());
        }
        assertTrue(taken.stream().distinct().count() == 3);
        assertThrows(ThresholdException.class, store::take);
        taken.get(0).consume();
        assertThrows(Presignature.PresignatureConsumedException.class, () -> taken.get(0).consume());
        assertThrows(Presignature.PresignatureConsumedException.class, () -> store.add(taken.get(0)));
    }
}
