package io.synod.threshold.evidence;

import io.synod.threshold.message.SignatureVerifier;

/** A proof that {@link #culprit()} misbehaved; {@link #verify} needs only public data and identity keys. */
public sealed interface Evidence permits InvalidShareEvidence, EquivocationEvidence, InvalidProductEvidence,
        InvalidPartialEvidence, MalformedMessageEvidence, WrongConstantEvidence {
    int culprit();

    boolean verify(SignatureVerifier identities);
}
