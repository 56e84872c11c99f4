package io.synod.threshold.ecies;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import io.synod.threshold.TestRandom;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;

class EciesKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hkdfRfc5869TestCase1() {
        byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
        byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                HEX.formatHex(Ecies.hkdf(ikm, salt, info, 42)));
    }

    @Test
    void aesGcmNistVectors() throws Exception {
        // GCM spec (McGrew–Viega) test case 2: AES-128, zero key and IV, one zero block
        byte[] out = Ecies.aesGcm(true, new byte[16], new byte[12], new byte[0], new byte[16]);
        assertEquals("0388dace60b6a392f328c2b971b2fe78" + "ab6e47d42cec13bdf53a67b21257bddf", HEX.formatHex(out));
        // test case 14: AES-256, zero key and IV, one zero block
        out = Ecies.aesGcm(true, new byte[32], new byte[12], new byte[0], new byte[16]);
        assertEquals("cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919", HEX.formatHex(out));
    }

    @Test
    void eciesAgreesWithAnIndependentJceComputation() throws Exception {
        var rng = TestRandom.seeded(3);
        BigInteger y = Scalars.random(rng);
        BigInteger e = Scalars.random(rng);
        ECPoint yPub = Secp256k1.mulG(y);
        ECPoint ePub = Secp256k1.mulG(e).normalize();
        byte[] ad = "session|round|sender|recipient".getBytes();
        byte[] msg = "a 64-byte share pair would go here, any length works for ECIES!!".getBytes();
        ECPoint z = yPub.multiply(e).normalize();
        byte[] ct = Ecies.encrypt(z, ePub, msg, ad);

        // independent: JCE HMAC-based HKDF and JCE AES/GCM, shared point computed from the recipient's side
        ECPoint z2 = ePub.multiply(y).normalize();
        byte[] info = concat("SYNOD/ecies/v1".getBytes(), ad);
        byte[] okm = jceHkdf(z2.getEncoded(true), ePub.getEncoded(true), info, 44);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(okm, 0, 32, "AES"),
                new GCMParameterSpec(128, java.util.Arrays.copyOfRange(okm, 32, 44)));
        c.updateAAD(ad);
        assertArrayEquals(msg, c.doFinal(ct));

        assertArrayEquals(msg, Ecies.decrypt(z2, ePub, ct, ad).orElseThrow());
        assertTrue(Ecies.decrypt(z2, ePub, ct, "other AD".getBytes()).isEmpty(), "AD must be authenticated");
        ct[3] ^= 1;
        assertTrue(Ecies.decrypt(z2, ePub, ct, ad).isEmpty(), "tampering must be detected");
    }

    @Test
    void dleqProofsVerifyAndBind() {
        var rng = TestRandom.seeded(4);
        BigInteger x = Scalars.random(rng);
        ECPoint b2 = Secp256k1.mulG(Scalars.random(rng));
        ECPoint p1 = Secp256k1.mulG(x);
        ECPoint p2 = b2.multiply(x);
        byte[] ctx = "ctx".getBytes();
        Dleq.Proof proof = Dleq.prove(ctx, Secp256k1.G, p1, b2, p2, x, rng);
        assertTrue(Dleq.verify(ctx, Secp256k1.G, p1, b2, p2, proof));
        assertFalse(Dleq.verify("other".getBytes(), Secp256k1.G, p1, b2, p2, proof), "context is bound");
        assertFalse(Dleq.verify(ctx, Secp256k1.G, p1, b2, p2.add(Secp256k1.G), proof), "wrong statement");
    }

    private static byte[] jceHkdf(byte[] ikm, byte[] salt, byte[] info, int len) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        byte[] out = new byte[len];
        byte[] t = new byte[0];
        int pos = 0;
        for (int i = 1; pos < len; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, len - pos);
            System.arraycopy(t, 0, out, pos, n);
            pos += n;
        }
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] o = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, o, a.length, b.length);
        return o;
    }
}
