package io.synod.hsm.api;

/**
 * A handle on one pooled token session, obtained from {@link HsmConnectionFactory#getConnection()} and closed
 * promptly (try-with-resources). Not thread-safe: one caller at a time, as with a JDBC connection.
 */
public interface HsmConnection extends AutoCloseable {

    /** The member's identity and transport public keys. */
    MemberKeys memberKeys();

    /**
     * Signs a 32-byte digest with the identity key (raw ECDSA in the token), normalised to low S, with the
     * recovery id computed against the identity public key.
     */
    RecoverableSignature signDigest(byte[] digest32);

    /** Seals a share under the token's non-extractable AES-256 key, bound to {@code context}. */
    SealedShare seal(SealContext context, ShareSecret share);

    /**
     * Unseals {@code sealed} and runs {@code scope} with the plaintext; the plaintext is wiped when the scope ends.
     *
     * @throws HsmException {@link HsmFailure#AUTHENTICATION_FAILED} if the blob was altered or the context differs
     */
    <T> T withUnsealed(SealContext context, SealedShare sealed, ShareScope<T> scope);

    /**
     * Decrypts a share another member addressed to this member's transport key (ECDH derived in the token) and
     * reseals it under the storage key in the same context; the plaintext never leaves this call.
     */
    SealedShare acceptAddressed(SealContext context, AddressedShare share);

    /**
     * Generates whichever member keys are missing from the token (identity, transport, sealing key) and returns the
     * public keys. Part of the key ceremony; idempotent.
     */
    MemberKeys provisionMemberKeys();

    /** Returns the session to the pool. */
    @Override
    void close();
}
