package io.synod.threshold.evidence;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.message.DecodeException;
import io.synod.threshold.message.ReshareDealing;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.message.SignatureVerifier;
import io.synod.threshold.message.SignedEnvelope;

/**
 * A resharing dealer's signed dealing whose constant commitment is not the dealer's public share X_i in the old
 * sharing. An honest dealer reshares its own share x_i, so its polynomial's constant term commits to x_i·G = X_i;
 * any other constant would move the group key (or, left in, stop the new commitments from reproducing it). No
 * complaint is needed: the dealing is public and signed, and X_i follows from the old epoch's public commitments.
 * {@code oldPublicShare} is the value the accuser read from its own copy of the old epoch; whoever judges must
 * compare it with its own copy before accepting the evidence (the record alone cannot prove which epoch is
 * the old one).
 */
public record WrongConstantEvidence(SignedEnvelope dealing, SessionContext context, ECPoint oldPublicShare)
        implements Evidence {

    @Override
    public int culprit() {
        return dealing.claimedSender();
    }

    @Override
    public boolean verify(SignatureVerifier identities) {
        try {
            return dealing.open(context, identities) instanceof ReshareDealing d
                    && !d.commitments().get(0).equals(oldPublicShare);
        } catch (DecodeException e) {
            return false;
        }
    }
}
