package io.synod.threshold.sign;

import java.math.BigInteger;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.presign.PresignaturePublic;

/**
 * s̃_i·G = e·W_i + r·(P_i + δ·W_i), from public data only (s̃_i is the partial before the combiner's common factor
 * ρ⁻¹; see {@link OnlineSigner}).
 */
public final class PartialCheck {
    private PartialCheck() {
    }

    public static boolean isValid(PresignaturePublic pub, int signer, BigInteger s, byte[] digest, BigInteger tweak,
            ECPoint tweakedKey) {
        int pos = pub.signers().position(signer);
        if (pos < 0 || !Scalars.isValid(s)) {
            return false;
        }
        Rerandomiser.Nonce n = Rerandomiser.derive(pub, digest, tweak, tweakedKey);
        return isValid(pub, pos, s, Rerandomiser.digestScalar(digest), tweak, n);
    }

    static boolean isValid(PresignaturePublic pub, int pos, BigInteger s, BigInteger e, BigInteger tweak,
            Rerandomiser.Nonce n) {
        BigInteger cw = Scalars.add(e, Scalars.mul(n.r(), tweak.mod(Secp256k1.N)));
        BigInteger cp = n.r();
        ECPoint rhs = pub.w(pos).multiply(cw).add(pub.p(pos).multiply(cp));
        return Secp256k1.mulG(s).equals(rhs);
    }
}
