package io.synod.coordination.domain.signing;

import java.time.Duration;

/**
 * The group signs an action. The caller (the member that proposes it) does not choose the digest: every
 * contributing member's {@link ActionVerifier} recomputes it, and the signature is only produced when at least
 * 2t+1 members approved the same target. Implementations: the message-board signing sessions (production) and
 * an in-process group (tests of the layers above). Blocks until signed, refused, or the timeout passes.
 */
public interface GroupSigning {

    GroupSignature sign(SignableAction action, Duration timeout) throws SigningFailed;

    /** The compressed group public key (untweaked). */
    byte[] groupPublicKey();
}
