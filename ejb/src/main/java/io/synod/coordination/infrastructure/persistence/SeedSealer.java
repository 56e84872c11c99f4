package io.synod.coordination.infrastructure.persistence;

import io.synod.shared.domain.SessionId;

/**
 * Seals a session's randomness seed before it is stored and opens it on resume: the member's HSM in production
 * (bound to the session, so a blob copied to another session's row does not open). The plaintext a caller gets
 * from {@link #unseal} is its own copy, to wipe when done.
 */
public interface SeedSealer {
    byte[] seal(SessionId session, byte[] seed);

    byte[] unseal(SessionId session, byte[] sealed);
}
