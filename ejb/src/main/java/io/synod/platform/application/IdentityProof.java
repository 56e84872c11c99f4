package io.synod.platform.application;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import io.synod.shared.domain.FieldHash;
import io.synod.shared.domain.IdentityKey;

/** A low-S ECDSA signature by the identity key over {@link #digestOf(byte[])} of a challenge. */
public record IdentityProof(IdentityKey identityKey, byte[] digest, BigInteger r, BigInteger s, int recoveryId) {

    static final String DOMAIN = "synod/identity-proof/v1";

    public IdentityProof {
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    /** SHA-256 over the length-prefixed domain tag and challenge. */
    public static byte[] digestOf(byte[] challenge) {
        if (challenge == null || challenge.length != 32) {
            throw new IllegalArgumentException("challenge must be 32 bytes");
        }
        return FieldHash.sha256(DOMAIN.getBytes(StandardCharsets.US_ASCII), challenge);
    }
}
