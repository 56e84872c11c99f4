package io.synod.coordination.infrastructure.persistence;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.synod.shared.domain.SessionId;

/**
 * AES-GCM with a key in memory and the session id as associated data, in the sealed-blob layout the HSM uses
 * (version, nonce, ciphertext ‖ tag). Below the unit under test (the store); the HSM sealer runs in the node ITs.
 */
final class TestSeedSealer implements SeedSealer {
    private final byte[] key = new byte[32];
    private final SecureRandom rng = new SecureRandom();
    int seals;

    TestSeedSealer() {
        rng.nextBytes(key);
    }

    @Override
    public byte[] seal(SessionId session, byte[] seed) {
        seals++;
        byte[] nonce = new byte[12];
        rng.nextBytes(nonce);
        byte[] ct = gcm(Cipher.ENCRYPT_MODE, nonce, session, seed);
        byte[] out = new byte[1 + 12 + ct.length];
        out[0] = 1;
        System.arraycopy(nonce, 0, out, 1, 12);
        System.arraycopy(ct, 0, out, 13, ct.length);
        return out;
    }

    @Override
    public byte[] unseal(SessionId session, byte[] sealed) {
        return gcm(Cipher.DECRYPT_MODE, Arrays.copyOfRange(sealed, 1, 13), session,
                Arrays.copyOfRange(sealed, 13, sealed.length));
    }

    private byte[] gcm(int mode, byte[] nonce, SessionId session, byte[] in) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(session.bytes());
            return c.doFinal(in);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("seal/unseal failed: " + e.getMessage(), e);
        }
    }
}
