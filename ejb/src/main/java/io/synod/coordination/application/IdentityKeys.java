package io.synod.coordination.application;

import java.math.BigInteger;
import java.util.Optional;
import java.util.function.IntFunction;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;

import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.FoundingSet;
import io.synod.membership.domain.MemberSet;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.MessageSigner;
import io.synod.threshold.message.SignatureVerifier;

/**
 * Identity signatures on protocol envelopes: secp256k1 ECDSA, r ‖ s, RFC 6979 nonces. The verifier knows only the
 * founding set, so a message signed by anyone else (or claiming another member's index) never verifies.
 */
public final class IdentityKeys {
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(Secp256k1.CURVE, Secp256k1.G, Secp256k1.N);

    private IdentityKeys() {
    }

    /** A software signer (tests and the devnet); production signs inside the HSM behind the same interface. */
    public static MessageSigner softwareSigner(BigInteger privateKey) {
        return input -> {
            ECDSASigner s = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            s.init(true, new ECPrivateKeyParameters(privateKey, DOMAIN));
            BigInteger[] rs = s.generateSignature(input);
            byte[] out = new byte[64];
            System.arraycopy(Scalars.encode(rs[0]), 0, out, 0, 32);
            System.arraycopy(Scalars.encode(rs[1]), 0, out, 32, 32);
            return out;
        };
    }

    public static SignatureVerifier verifier(FoundingSet founders) {
        return verifier(founders.asMemberSet());
    }

    /** The same check against the members of any epoch (permanent indices, so old and new members alike). */
    public static SignatureVerifier verifier(MemberSet members) {
        return verifier(members::byIndex);
    }

    /** The check against whoever {@code lookup} names for an index (e.g. the old and new members of a resharing). */
    public static SignatureVerifier verifier(IntFunction<Optional<FoundingMember>> lookup) {
        return (member, input, sig) -> {
            FoundingMember m = lookup.apply(member).orElse(null);
            if (m == null || sig.length != 64) {
                return false;
            }
            BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 0, 32));
            BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(sig, 32, 64));
            if (r.signum() == 0 || s.signum() == 0 || r.compareTo(Secp256k1.N) >= 0 || s.compareTo(Secp256k1.N) >= 0) {
                return false;
            }
            ECDSASigner v = new ECDSASigner();
            v.init(false, new ECPublicKeyParameters(m.identityPoint(), DOMAIN));
            return v.verifySignature(input, r, s);
        };
    }
}
