package io.synod.threshold.evidence;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.ecies.Dleq;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.DecodeException;
import io.synod.threshold.message.PresignProduct;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.message.SignatureVerifier;
import io.synod.threshold.message.SignedEnvelope;

/**
 * A signed product message whose μ_i or Q_i proof for presignature {@code slot} of the batch fails against the
 * public values K_i = k_i·G, A_i = α_i·G (the summed Feldman commitments of the session's dealings evaluated
 * at i) and X_i (the group's public share). The verifier recomputes K_i, A_i, X_i from its own copy of the
 * public log and compares.
 */
public record InvalidProductEvidence(SignedEnvelope product, SessionContext context, int slot, ECPoint kShare,
        ECPoint alphaShare, ECPoint publicShare) implements Evidence {

    @Override
    public int culprit() {
        return product.claimedSender();
    }

    @Override
    public boolean verify(SignatureVerifier identities) {
        try {
            if (!(product.open(context, identities) instanceof PresignProduct p) || slot < 0 || slot >= p.batch()) {
                return false;
            }
            return !productIsValid(p, slot, kShare, alphaShare, publicShare);
        } catch (DecodeException e) {
            return false;
        }
    }

    public static byte[] proofContext(byte[] sessionId, int sender, int slot, String which) {
        return Hashing.hash("SYNOD/presign/" + which, sessionId, Hashing.u16(sender), Hashing.u16(slot));
    }

    public static boolean productIsValid(PresignProduct p, int slot, ECPoint kShare, ECPoint alphaShare,
            ECPoint publicShare) {
        ECPoint muG = Secp256k1.mulG(p.mu().get(slot));
        if (muG.isInfinity()) {
            return false;
        }
        byte[] sid = p.header().sessionId();
        int who = p.header().sender();
        return Dleq.verify(proofContext(sid, who, slot, "mu"), Secp256k1.G, kShare, alphaShare, muG,
                p.muProofs().get(slot))
                && Dleq.verify(proofContext(sid, who, slot, "q"), Secp256k1.G, alphaShare, publicShare,
                        p.q().get(slot), p.qProofs().get(slot));
    }
}
