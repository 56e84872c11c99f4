package io.synod.platform.application;

import java.util.Optional;

import io.synod.shared.domain.IdentityKey;

/**
 * This member's long-term identity: the key in its HSM that signs everything the member posts. The
 * private half never leaves the token.
 */
public interface NodeIdentity {

    /** The identity public key, or empty while the HSM is not ready. */
    Optional<IdentityKey> identityKey();

    /**
     * Signs a caller's 32-byte challenge (domain-separated, so the signature can never be mistaken for
     * a protocol message, a Bitcoin sighash or an EIP-712 digest), proving this node controls its key.
     *
     * @throws io.synod.shared.error.SynodException UNAVAILABLE when the HSM cannot sign now
     */
    IdentityProof prove(byte[] challenge);
}
