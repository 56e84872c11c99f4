package io.synod.threshold.evidence;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import io.synod.threshold.message.Codec;
import io.synod.threshold.message.DecodeException;
import io.synod.threshold.message.DecodeException.Reason;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.message.SignatureVerifier;
import io.synod.threshold.message.SignedEnvelope;

/**
 * A message its sender signed for this session that the strict decoder rejects (e.g. a commitment vector of t+2
 * entries, a point off the curve, a scalar not below N). Anyone re-runs the decoder. Failures that a third party
 * could cause with someone else's correctly signed message (replay into another session, bad signature) convict
 * nobody: the payload's session id must be the context's. The verifier must compare the context (degree, member
 * sets, batch) with its own view of the session.
 */
public record MalformedMessageEvidence(SignedEnvelope envelope, SessionContext context) implements Evidence {
    private static final Set<Reason> NOT_ATTRIBUTABLE = EnumSet.of(Reason.NULL_INPUT, Reason.WRONG_SESSION,
            Reason.BAD_SIGNATURE, Reason.UNSUPPORTED_VERSION);

    @Override
    public int culprit() {
        return envelope.claimedSender();
    }

    @Override
    public boolean verify(SignatureVerifier identities) {
        byte[] p = envelope.payload();
        if (p.length < 37 || culprit() == 0 || !envelope.verifySignature(identities)
                || !Arrays.equals(Arrays.copyOfRange(p, 2, 34), context.sessionId())) {
            return false;
        }
        try {
            Codec.decode(p, context);
            return false;
        } catch (DecodeException e) {
            // the whole header is present (checked above), so even a truncated body is the signer's doing
            return !NOT_ATTRIBUTABLE.contains(e.reason());
        }
    }
}
