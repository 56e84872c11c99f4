package io.synod.hsm.vault;

import io.synod.hsm.api.AddressedShare;
import io.synod.hsm.api.EcPublicKey;
import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.api.ShareSecret;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The software side of addressed shares: a sender encrypts a share to a member's transport key (ephemeral ECDH on
 * secp256k1, AES-256-GCM keyed by the shared x-coordinate, as {@link AddressedShare} describes); the development
 * vault also opens them here. A token opens them with CKM_ECDH1_DERIVE instead.
 */
public final class AddressedShareCipher {
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    private AddressedShareCipher() {
    }

    public static AddressedShare encryptTo(EcPublicKey recipient, SealContext recipientContext, ShareSecret share,
                                           SecureRandom random) {
        ECPoint peer = CURVE.getCurve().decodePoint(recipient.compressed());
        BigInteger ephemeral = BigIntegers.createRandomInRange(BigInteger.ONE, CURVE.getN().subtract(BigInteger.ONE),
                random);
        byte[] ephemeralPublic = new FixedPointCombMultiplier().multiply(CURVE.getG(), ephemeral).getEncoded(true);
        byte[] key = sharedX(peer, ephemeral);
        byte[] nonce = new byte[SealedShare.NONCE_LENGTH];
        random.nextBytes(nonce);
        try {
            byte[] ct = gcm(Cipher.ENCRYPT_MODE, key, nonce, AddressedShare.associatedData(recipientContext),
                    share.bytes());
            return new AddressedShare(ephemeralPublic, nonce, ct);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Opens with the recipient's private scalar (development vault only). */
    static byte[] decrypt(BigInteger recipientPrivate, SealContext context, AddressedShare share) {
        ECPoint ephemeral = CURVE.getCurve().decodePoint(share.ephemeralPublicKey());
        byte[] key = sharedX(ephemeral, recipientPrivate);
        try {
            return gcm(Cipher.DECRYPT_MODE, key, share.nonce(), AddressedShare.associatedData(context),
                    share.ciphertext());
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] sharedX(ECPoint point, BigInteger scalar) {
        ECPoint shared = point.multiply(scalar).normalize();
        if (shared.isInfinity()) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "degenerate ECDH point");
        }
        return BigIntegers.asUnsignedByteArray(32, shared.getAffineXCoord().toBigInteger());
    }

    static byte[] gcm(int mode, byte[] key, byte[] nonce, byte[] ad, byte[] input) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            c.updateAAD(ad);
            return c.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new HsmException(HsmFailure.AUTHENTICATION_FAILED,
                    "authentication failed: the ciphertext was altered or is opened in the wrong context");
        } catch (GeneralSecurityException e) {
            throw new HsmException(HsmFailure.DEVICE_ERROR, "AES-GCM failed: " + e.getMessage(), e);
        }
    }
}
