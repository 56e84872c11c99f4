package io.synod.threshold.evidence;

import java.math.BigInteger;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.message.DecodeException;
import io.synod.threshold.message.PartialSignatureMessage;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.message.SignatureVerifier;
import io.synod.threshold.message.SignedEnvelope;
import io.synod.threshold.presign.PresignaturePublic;
import io.synod.threshold.sign.PartialCheck;

/**
 * A signed partial signature that fails s_i·G = ρ⁻¹·(e·W_i + r·(P_i + δ·W_i)) for the public presignature
 * record (R, W_i = k⁻¹_i·G, P_i = k⁻¹_i·X_i), the digest, the tweak and the tweaked key. The verifier compares
 * the record with its own copy of the presignature transcript (whose P_i carry DLEQ proofs).
 */
public record InvalidPartialEvidence(SignedEnvelope partial, SessionContext context, PresignaturePublic presignature,
        byte[] digest, BigInteger tweak, ECPoint tweakedKey) implements Evidence {

    @Override
    public int culprit() {
        return partial.claimedSender();
    }

    @Override
    public boolean verify(SignatureVerifier identities) {
        try {
            if (!(partial.open(context, identities) instanceof PartialSignatureMessage p)) {
                return false;
            }
            return java.util.Arrays.equals(p.presignatureId(), presignature.id())
                    && !PartialCheck.isValid(presignature, p.header().sender(), p.s(), digest, tweak, tweakedKey);
        } catch (DecodeException e) {
            return false;
        }
    }
}
