package io.synod.threshold.ecies;

import java.util.Optional;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.math.Secp256k1;

/**
 * ECIES on secp256k1. One ephemeral key E per dealing message; for recipient key Y the shared point is
 * Z = e·Y = y·E. Key and nonce: HKDF-SHA256(ikm = enc(Z), salt = enc(E), info = "SYNOD/ecies/v1" ‖ ad) → 32-byte
 * AES key ‖ 12-byte GCM nonce; AES-256-GCM with 128-bit tag over ad. Because the key is bound to (E, ad), a
 * nonce never repeats under one key. The decryption entry point takes Z itself, so that a third party can
 * decrypt with a revealed, DLEQ-proven Z when judging a complaint.
 */
public final class Ecies {
    public static final int TAG_BYTES = 16;
    private static final byte[] INFO = Secp256k1.utf8("SYNOD/ecies/v1");

    private Ecies() {
    }

    public static byte[] encrypt(ECPoint sharedPoint, ECPoint ephemeral, byte[] plaintext, byte[] ad) {
        return run(true, sharedPoint, ephemeral, plaintext, ad).orElseThrow();
    }

    public static Optional<byte[]> decrypt(ECPoint sharedPoint, ECPoint ephemeral, byte[] ciphertext, byte[] ad) {
        return run(false, sharedPoint, ephemeral, ciphertext, ad);
    }

    private static Optional<byte[]> run(boolean encrypt, ECPoint z, ECPoint e, byte[] in, byte[] ad) {
        byte[] info = new byte[INFO.length + ad.length];
        System.arraycopy(INFO, 0, info, 0, INFO.length);
        System.arraycopy(ad, 0, info, INFO.length, ad.length);
        byte[] okm = hkdf(Secp256k1.encode(z), Secp256k1.encode(e), info, 44);
        byte[] key = java.util.Arrays.copyOfRange(okm, 0, 32);
        byte[] nonce = java.util.Arrays.copyOfRange(okm, 32, 44);
        try {
            return Optional.of(aesGcm(encrypt, key, nonce, ad, in));
        } catch (InvalidCipherTextException | RuntimeException ex) {
            return Optional.empty();
        } finally {
            java.util.Arrays.fill(okm, (byte) 0);
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    public static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info, int length) {
        HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }

    public static byte[] aesGcm(boolean encrypt, byte[] key, byte[] nonce, byte[] ad, byte[] in)
            throws InvalidCipherTextException {
        GCMModeCipher c = GCMBlockCipher.newInstance(AESEngine.newInstance());
        c.init(encrypt, new AEADParameters(new KeyParameter(key), TAG_BYTES * 8, nonce, ad));
        byte[] out = new byte[c.getOutputSize(in.length)];
        int len = c.processBytes(in, 0, in.length, out, 0);
        len += c.doFinal(out, len);
        return len == out.length ? out : java.util.Arrays.copyOf(out, len);
    }
}
