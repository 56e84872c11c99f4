package io.synod.coordination.application;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.inprocess.InProcessGroup;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.presign.Presignature;
import io.synod.threshold.sharing.IndexSet;
import io.synod.threshold.sign.EcdsaSignature;

/**
 * Group signatures from the shares genesis sealed, made with the threshold core (presign + online signing among
 * 2t+1 members, in process: signing over the board is a later piece), and BouncyCastle's verifier.
 */
final class GroupSignatures {
    private static final AtomicLong SESSIONS = new AtomicLong();

    private GroupSignatures() {
    }

    static EcdsaSignature sign(Map<Integer, KeyShare> shares, int n, int t, byte[] digest) {
        InProcessGroup g = InProcessGroup.of(n, GenesisHarness.RNG);
        Map<Integer, KeyShare> signers = new TreeMap<>();
        shares.entrySet().stream().limit(2L * t + 1).forEach(e -> signers.put(e.getKey(), e.getValue()));
        IndexSet set = IndexSet.of(signers.keySet().stream().mapToInt(Integer::intValue).toArray());
        long s = SESSIONS.incrementAndGet();
        Map<Integer, Presignature> pre = g.presign(InProcessGroup.sessionId("genesis-test-presign", s), set, signers);
        return g.sign(InProcessGroup.sessionId("genesis-test-sign", s), pre, signers, set, digest, BigInteger.ZERO)
                .signature();
    }

    /** r ‖ s ‖ v, as the contracts' recover takes it. */
    static byte[] ethereum(EcdsaSignature sig) {
        byte[] out = new byte[65];
        System.arraycopy(sig.compact(), 0, out, 0, 64);
        out[64] = (byte) sig.ethereumV();
        return out;
    }

    static boolean verifies(ECPoint key, byte[] digest, EcdsaSignature sig) {
        ECDSASigner v = new ECDSASigner();
        v.init(false, new ECPublicKeyParameters(key, new ECDomainParameters(Secp256k1.CURVE, Secp256k1.G, Secp256k1.N)));
        return v.verifySignature(digest, sig.r(), sig.s());
    }
}
