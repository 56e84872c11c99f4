package io.synod.platform.application;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

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
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] tag = DOMAIN.getBytes(StandardCharsets.US_ASCII);
            sha.update(ByteBuffer.allocate(4).putInt(tag.length).array());
            sha.update(tag);
            sha.update(ByteBuffer.allocate(4).putInt(challenge.length).array());
            sha.update(challenge);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
