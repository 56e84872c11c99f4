package io.synod.hsm.api;

import java.util.Arrays;

/**
 * A share sealed with AES-256-GCM: version byte, 12-byte nonce, ciphertext with 16-byte tag. Safe to store
 * anywhere; opening it needs the member's token and the exact {@link SealContext} it was sealed in.
 */
public final class SealedShare {
    public static final byte VERSION = 1;
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;

    private final byte[] nonce;
    private final byte[] ciphertext;

    public SealedShare(byte[] nonce, byte[] ciphertext) {
        if (nonce == null || nonce.length != NONCE_LENGTH) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "sealed share nonce must be " + NONCE_LENGTH + " bytes");
        }
        if (ciphertext == null || ciphertext.length <= TAG_LENGTH) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "sealed share ciphertext too short");
        }
        this.nonce = nonce.clone();
        this.ciphertext = ciphertext.clone();
    }

    /** Decodes the canonical encoding; rejects any other version or length. */
    public static SealedShare decode(byte[] encoded) {
        if (encoded == null || encoded.length < 1 + NONCE_LENGTH + TAG_LENGTH + 1 || encoded[0] != VERSION) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "not a version-" + VERSION + " sealed share");
        }
        return new SealedShare(Arrays.copyOfRange(encoded, 1, 1 + NONCE_LENGTH),
                Arrays.copyOfRange(encoded, 1 + NONCE_LENGTH, encoded.length));
    }

    public byte[] encode() {
        byte[] out = new byte[1 + NONCE_LENGTH + ciphertext.length];
        out[0] = VERSION;
        System.arraycopy(nonce, 0, out, 1, NONCE_LENGTH);
        System.arraycopy(ciphertext, 0, out, 1 + NONCE_LENGTH, ciphertext.length);
        return out;
    }

    public byte[] nonce() {
        return nonce.clone();
    }

    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealedShare s && Arrays.equals(nonce, s.nonce) && Arrays.equals(ciphertext, s.ciphertext);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(nonce) + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedShare[v" + VERSION + ", " + ciphertext.length + " bytes]";
    }
}
