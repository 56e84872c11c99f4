package io.synod.coordination.domain.signing;

import java.math.BigInteger;
import java.util.Optional;

import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.math.Secp256k1;

/**
 * A verified group signature: low-S (r, s) and the recovery id, over {@code target}. Implementations of
 * {@link GroupSigning} verify it against the (tweaked) group key before returning it.
 */
public record GroupSignature(SigningTarget target, BigInteger r, BigInteger s, int recoveryId) {

    /** r ‖ s ‖ v with v = 27 + recovery id, as Solidity's ecrecover wants it. */
    public byte[] ethereum() {
        byte[] out = new byte[65];
        byte[] rb = fixed(r);
        byte[] sb = fixed(s);
        System.arraycopy(rb, 0, out, 0, 32);
        System.arraycopy(sb, 0, out, 32, 32);
        out[64] = (byte) (27 + recoveryId);
        return out;
    }

    /**
     * True when (r, s) is a low-S ECDSA signature over the target's digest under the group key plus the target's
     * tweak, and the recovery id recovers exactly that key (so {@link #ethereum()} ecrecovers to its address).
     */
    public boolean verifiesUnder(byte[] compressedGroupKey) {
        Optional<ECPoint> base = Secp256k1.tryDecode(compressedGroupKey);
        if (base.isEmpty() || r.signum() <= 0 || s.signum() <= 0 || r.compareTo(Secp256k1.N) >= 0
                || s.compareTo(Secp256k1.HALF_N) > 0 || recoveryId < 0 || recoveryId > 3) {
            return false;
        }
        ECPoint key = tweakedKey(base.get(), target.tweak());
        ECDSASigner v = new ECDSASigner();
        v.init(false, new ECPublicKeyParameters(key, new ECDomainParameters(Secp256k1.CURVE, Secp256k1.G,
                Secp256k1.N)));
        return v.verifySignature(target.digest(), r, s) && recover().map(key::equals).orElse(false);
    }

    /** P + δ·G, the key a target with tweak δ is signed under. */
    public static ECPoint tweakedKey(ECPoint base, BigInteger tweak) {
        BigInteger d = tweak.mod(Secp256k1.N);
        return d.signum() == 0 ? base.normalize() : base.add(Secp256k1.mulG(d)).normalize();
    }

    /** The public key (r, s, recovery id) recovers to over the digest (SEC 1, 4.1.6). */
    private Optional<ECPoint> recover() {
        BigInteger x = (recoveryId & 2) != 0 ? r.add(Secp256k1.N) : r;
        if (x.compareTo(Secp256k1.P) >= 0) {
            return Optional.empty();
        }
        byte[] enc = new byte[33];
        enc[0] = (byte) ((recoveryId & 1) != 0 ? 3 : 2);
        System.arraycopy(fixed(x), 0, enc, 1, 32);
        Optional<ECPoint> bigR = Secp256k1.tryDecode(enc);
        if (bigR.isEmpty()) {
            return Optional.empty();
        }
        BigInteger e = new BigInteger(1, target.digest()).mod(Secp256k1.N);
        BigInteger rInv = r.modInverse(Secp256k1.N);
        ECPoint q = bigR.get().multiply(s).subtract(Secp256k1.mulG(e)).multiply(rInv).normalize();
        return q.isInfinity() ? Optional.empty() : Optional.of(q);
    }

    private static byte[] fixed(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
