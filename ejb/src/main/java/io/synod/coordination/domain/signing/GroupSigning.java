package io.synod.coordination.domain.signing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The group signs an action. The caller (the member that proposes it) does not choose the digest: every
 * contributing member's {@link ActionVerifier} recomputes it, and the signature is only produced when at least
 * 2t+1 members approved the same target. Implementations: the message-board signing sessions (production) and
 * an in-process group (tests of the layers above). Blocks until signed, refused, or the timeout passes.
 */
public interface GroupSigning {

    GroupSignature sign(SignableAction action, Duration timeout) throws SigningFailed;

    /**
     * Signs actions the caller needs together (the inputs of one transaction), in the order given; all or nothing:
     * the first failure is thrown and what was not proposed yet is dropped. An implementation may run their
     * sessions at once; {@code timeout} then bounds the wait for each next signature, not for the whole list. This
     * default signs them one after another.
     */
    default List<GroupSignature> signAll(List<? extends SignableAction> actions, Duration timeout) throws SigningFailed {
        List<GroupSignature> out = new ArrayList<>(actions.size());
        for (SignableAction a : actions) {
            out.add(sign(a, timeout));
        }
        return out;
    }

    /** The compressed group public key (untweaked). */
    byte[] groupPublicKey();
}
