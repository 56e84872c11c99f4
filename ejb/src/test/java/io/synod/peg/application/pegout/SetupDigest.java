package io.synod.peg.application.pegout;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.coordination.domain.signing.SigningTarget;

/**
 * Test setup only: the group signs a given digest for the steps that are not under test here (binding the
 * evidence contract at deployment, minting the redeemer's wrapped coins). Registered for those kinds alone, so
 * every peg-out action still goes through the real verifiers.
 */
record SetupDigest(ActionKind kind, byte[] digest) implements SignableAction {

    @Override
    public byte[] encode() {
        return digest.clone();
    }

    static ActionVerifier verifier(ActionKind kind) {
        return new ActionVerifier() {
            @Override
            public ActionKind kind() {
                return kind;
            }

            @Override
            public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
                if (encodedAction.length != 32) {
                    throw new ActionRefused(kind, "not a digest");
                }
                return SigningTarget.untweaked(encodedAction);
            }
        };
    }
}
