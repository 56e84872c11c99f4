package io.synod.threshold.sign;

import java.math.BigInteger;

import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.message.Header;
import io.synod.threshold.message.MessageType;
import io.synod.threshold.message.PartialSignatureMessage;
import io.synod.threshold.presign.Presignature;

/**
 * A member's online step. The presignature is consumed before anything else happens, so it can never be used
 * again, even if this call throws or the partial is lost.
 */
public final class OnlineSigner {
    private OnlineSigner() {
    }

    /**
     * @param sessionId the signing session (binds the partial to this request)
     * @param share     the key share, possibly tweaked ({@link KeyShare#tweaked})
     */
    public static PartialSignatureMessage partial(byte[] sessionId, Presignature presig, KeyShare share,
            byte[] digest) {
        BigInteger kInv = presig.consume();
        if (presig.member() != share.index()) {
            throw new io.synod.threshold.ThresholdException("presignature belongs to another member");
        }
        BigInteger tweak = share.group().tweak();
        Rerandomiser.SignerNonce n = Rerandomiser.deriveForSigner(presig.publicPart(), digest, share.group());
        BigInteger e = Rerandomiser.digestScalar(digest);
        BigInteger x = Scalars.add(share.secret(), tweak);
        // The partial leaves out the public factor ρ⁻¹ of k'⁻¹ = ρ⁻¹·k⁻¹: the combiner applies it once to the sum
        // (s = ρ⁻¹·Σ λ_i·s̃_i). A public bijection of the same value, so it reveals nothing more, and it spares
        // every signer an inversion.
        BigInteger s = Scalars.mul(kInv, Scalars.add(e, Scalars.mul(n.r(), x)));
        return new PartialSignatureMessage(new Header(MessageType.PARTIAL_SIGNATURE, sessionId, share.index()),
                presig.publicPart().id(), s);
    }
}
