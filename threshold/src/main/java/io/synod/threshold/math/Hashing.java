package io.synod.threshold.math;

import java.math.BigInteger;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;

/**
 * Domain-separated, length-prefixed hashing: H(domain, f1..fk) = SHA-256(u32 len(domain) ‖ domain ‖ u32 k ‖
 * (u32 len(fi) ‖ fi)...). Because every field carries its length, two different splits of the same bytes
 * never produce the same input to SHA-256.
 */
public final class Hashing {
    private Hashing() {
    }

    public static byte[] hash(String domain, byte[]... fields) {
        return digest(new SHA256Digest(), domain, fields);
    }

    /** Uniform scalar in [0, N): 512-bit digest reduced mod N (bias below 2^-250). */
    public static BigInteger hashToScalar(String domain, byte[]... fields) {
        return new BigInteger(1, digest(new SHA512Digest(), domain, fields)).mod(Secp256k1.N);
    }

    private static byte[] digest(Digest d, String domain, byte[]... fields) {
        byte[] dom = Secp256k1.utf8(domain);
        u32(d, dom.length);
        d.update(dom, 0, dom.length);
        u32(d, fields.length);
        for (byte[] f : fields) {
            u32(d, f.length);
            d.update(f, 0, f.length);
        }
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    private static void u32(Digest d, int v) {
        d.update((byte) (v >>> 24));
        d.update((byte) (v >>> 16));
        d.update((byte) (v >>> 8));
        d.update((byte) v);
    }

    public static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }
}
