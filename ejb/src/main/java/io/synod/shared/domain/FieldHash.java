package io.synod.shared.domain;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 over fields that each carry a 4-byte big-endian length prefix, so two different splits of the same
 * bytes never hash alike. Callers put a domain tag first.
 */
public final class FieldHash {

    private FieldHash() {
    }

    public static byte[] sha256(byte[]... fields) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] f : fields) {
                sha.update(ByteBuffer.allocate(4).putInt(f.length).array());
                sha.update(f);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
