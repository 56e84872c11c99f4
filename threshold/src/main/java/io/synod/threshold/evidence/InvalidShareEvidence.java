package io.synod.threshold.evidence;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.message.Complaint;
import io.synod.threshold.message.DecodeException;
import io.synod.threshold.message.DkgFeldman;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.message.SignatureVerifier;
import io.synod.threshold.message.SignedEnvelope;
import io.synod.threshold.message.ThresholdMessage;

/**
 * The dealer's signed dealing (and, for the Feldman phase, its signed Feldman commitments), the complainer's
 * signed complaint revealing the DLEQ-proven ECDH point, and the complainer's registered encryption key.
 * Anyone decrypts the share and sees that it contradicts the dealer's own signed commitments.
 */
public record InvalidShareEvidence(SignedEnvelope dealing, SessionContext dealingContext, SignedEnvelope complaint,
        SessionContext complaintContext, ECPoint complainerKey, SignedEnvelope feldmanOrNull) implements Evidence {

    @Override
    public int culprit() {
        return dealing.claimedSender();
    }

    @Override
    public boolean verify(SignatureVerifier identities) {
        try {
            ThresholdMessage d = dealing.open(dealingContext, identities);
            ThresholdMessage c = complaint.open(complaintContext, identities);
            DkgFeldman f = null;
            if (feldmanOrNull != null) {
                if (!(feldmanOrNull.open(dealingContext, identities) instanceof DkgFeldman ff)
                        || ff.header().sender() != d.header().sender()) {
                    return false;
                }
                f = ff;
            }
            return c instanceof Complaint cc
                    && ShareJudge.dealerIsGuilty(d, dealingContext.recipients(), cc, complainerKey, f);
        } catch (DecodeException e) {
            return false;
        }
    }
}
