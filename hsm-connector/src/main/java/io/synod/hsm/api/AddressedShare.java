package io.synod.hsm.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A share another member encrypted to this member's transport key (ECIES-style on secp256k1): the sender's
 * ephemeral public key (33-byte compressed), a 12-byte nonce and the AES-256-GCM ciphertext with tag. The AES key
 * is the x-coordinate of the ECDH point, which this member derives inside its token. The associated data is
 * {@code "synod/addressed/v1"} followed by the {@link SealContext} encoding of the receiving member's context.
 */
public final class AddressedShare {
    private static final byte[] DOMAIN = "synod/addressed/v1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] ephemeralPublicKey;
    private final byte[] nonce;
    private final byte[] ciphertext;

    public AddressedShare(byte[] ephemeralPublicKey, byte[] nonce, byte[] ciphertext) {
        if (ephemeralPublicKey == null || ephemeralPublicKey.length != 33
                || (ephemeralPublicKey[0] != 2 && ephemeralPublicKey[0] != 3)) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "ephemeral public key must be a 33-byte compressed point");
        }
        if (nonce == null || nonce.length != SealedShare.NONCE_LENGTH) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "nonce must be " + SealedShare.NONCE_LENGTH + " bytes");
        }
        if (ciphertext == null || ciphertext.length <= SealedShare.TAG_LENGTH) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "addressed share ciphertext too short");
        }
        this.ephemeralPublicKey = ephemeralPublicKey.clone();
        this.nonce = nonce.clone();
        this.ciphertext = ciphertext.clone();
    }

    /** The associated data a sender must use for a share addressed to {@code recipient}. */
    public static byte[] associatedData(SealContext recipient) {
        byte[] ctx = recipient.associatedData();
        byte[] out = Arrays.copyOf(DOMAIN, DOMAIN.length + ctx.length);
        System.arraycopy(ctx, 0, out, DOMAIN.length, ctx.length);
        return out;
    }

    public byte[] ephemeralPublicKey() {
        return ephemeralPublicKey.clone();
    }

    public byte[] nonce() {
        return nonce.clone();
    }

    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public String toString() {
        return "AddressedShare[" + ciphertext.length + " bytes]";
    }
}
