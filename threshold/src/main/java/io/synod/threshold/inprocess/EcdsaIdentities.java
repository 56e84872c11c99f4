package io.synod.threshold.inprocess;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.MessageSigner;
import io.synod.threshold.message.SignatureVerifier;

/** Plain secp256k1 ECDSA identity keys (RFC 6979 nonces), one per member; signature = r ‖ s. */
public final class EcdsaIdentities implements Identities {
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(Secp256k1.CURVE, Secp256k1.G, Secp256k1.N);
    private final Map<Integer, BigInteger> secrets = new HashMap<>();
    private final Map<Integer, ECPoint> publics = new HashMap<>();

    public EcdsaIdentities(Iterable<Integer> members, SecureRandom rng) {
        for (int m : members) {
            BigInteger d = Scalars.random(rng);
            secrets.put(m, d);
            publics.put(m, Secp256k1.mulG(d).normalize());
        }
    }

    @Override
    public MessageSigner signer(int member) {
        BigInteger d = secrets.get(member);
        return input -> {
            ECDSASigner s = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())) {
                // k·G through the library's constant-time fixed-base table (BouncyCastle's comb otherwise)
                @Override
                protected ECMultiplier createBasePointMultiplier() {
                    return (p, k) -> p.equals(Secp256k1.G) ? Secp256k1.mulG(k) : new FixedPointCombMultiplier()
                            .multiply(p, k);
                }
            };
            s.init(true, new ECPrivateKeyParameters(d, DOMAIN));
            BigInteger[] rs = s.generateSignature(input);
            byte[] out = new byte[64];
            System.arraycopy(Scalars.encode(rs[0]), 0, out, 0, 32);
            System.arraycopy(Scalars.encode(rs[1]), 0, out, 32, 32);
            return out;
        };
    }

    @Override
    public SignatureVerifier verifier() {
        return (member, input, sig) -> {
            ECPoint pk = publics.get(member);
            if (pk == null || sig.length != 64) {
                return false;
            }
            ECDSASigner v = new ECDSASigner();
            v.init(false, new ECPublicKeyParameters(pk, DOMAIN));
            return v.verifySignature(input, Scalars.decode(sig, 0), Scalars.decode(sig, 32));
        };
    }
}
