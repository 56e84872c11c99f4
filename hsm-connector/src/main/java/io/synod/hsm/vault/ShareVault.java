package io.synod.hsm.vault;

import io.synod.hsm.api.AddressedShare;
import io.synod.hsm.api.EcPublicKey;
import io.synod.hsm.api.Readiness;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.api.ShareScope;
import io.synod.hsm.api.ShareSecret;

/**
 * Sealed storage of a member's key shares. Implementations never return plaintext except inside
 * {@link #withShare}, and wipe it when the scope ends.
 */
public interface ShareVault {

    /** "hsm", "tee" or "software-dev": recorded with the member's admission so peers know what guards the share. */
    String kind();

    /** Seals a share bound to its context (group, member, epoch, purpose). */
    SealedShare seal(SealContext context, ShareSecret share);

    /**
     * Opens a sealed share and runs {@code scope} with it; the plaintext is wiped when the scope returns or throws.
     * A blob presented in another context, or altered, fails with AUTHENTICATION_FAILED before the scope runs.
     */
    <T> T withShare(SealContext context, SealedShare sealed, ShareScope<T> scope);

    /** Receives a share another member encrypted to {@link #transportKey()}, resealing it for storage. */
    SealedShare acceptAddressed(SealContext context, AddressedShare share);

    /** The public key other members encrypt shares to. */
    EcPublicKey transportKey();

    /** For the node's readiness probe. */
    Readiness readiness();
}
