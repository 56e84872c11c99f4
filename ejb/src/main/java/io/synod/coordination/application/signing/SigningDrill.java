package io.synod.coordination.application.signing;

import java.math.BigInteger;

import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.PartialSignatureMessage;

/**
 * Fault injection for operators' drills on a test network: this member turns into a culprit the group must catch.
 * Never armed unless a node's drill setting asks for it (see the server's drill settings, which refuse anything but
 * regtest); the threshold messages are changed before the identity signature, exactly as a corrupt member would.
 */
public final class SigningDrill {
    private SigningDrill() {
    }

    /** Every partial signature this member posts is off by one: wrong, attributable, provable on the board. */
    public static void badPartialSignatures(SigningCoordinator c) {
        c.interceptOutbound(m -> m instanceof PartialSignatureMessage p
                ? new PartialSignatureMessage(p.header(), p.presignatureId(), p.s().add(BigInteger.ONE)
                        .mod(Secp256k1.N))
                : m);
    }
}
