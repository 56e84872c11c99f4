package io.synod.threshold.evidence;

import java.util.Arrays;

import io.synod.threshold.message.SignatureVerifier;
import io.synod.threshold.message.SignedEnvelope;

/**
 * Two different payloads, both signed by the sender, for the same slot: (version, type, session, round, sender),
 * and for complaints also the accused dealer.
 */
public record EquivocationEvidence(SignedEnvelope first, SignedEnvelope second) implements Evidence {
    @Override
    public int culprit() {
        return first.claimedSender();
    }

    @Override
    public boolean verify(SignatureVerifier identities) {
        return first.claimedSender() != 0
                && Arrays.equals(first.slot(), second.slot())
                && first.hasCompleteSlot()
                && !Arrays.equals(first.payload(), second.payload())
                && first.verifySignature(identities) && second.verifySignature(identities);
    }
}
