package io.synod.threshold;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.dkg.Keys;
import io.synod.threshold.ecies.Ecies;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;

/** Test helpers for a corrupt member: rewrite one recipient's encrypted share so that it decrypts to garbage. */
public final class Tamper {
    private Tamper() {
    }

    /** Re-encrypts slot {@code pos} after applying {@code change} to the plaintext (uses the recipient's key). */
    public static List<byte[]> reencrypt(List<byte[]> cts, int pos, int recipient, ECPoint eph, byte[] ad,
            Keys recipientKeys, UnaryOperator<byte[]> change) {
        ECPoint z = eph.multiply(recipientKeys.decryptionKey().value()).normalize();
        byte[] plain = Ecies.decrypt(z, eph, cts.get(pos), ad).orElseThrow();
        List<byte[]> out = new ArrayList<>(cts);
        out.set(pos, Ecies.encrypt(z, eph, change.apply(plain), ad));
        return out;
    }

    /** Adds one to the first 32-byte scalar of a share payload. */
    public static byte[] bumpFirstScalar(byte[] plain) {
        byte[] out = plain.clone();
        var v = Scalars.add(Scalars.decode(plain, 0), java.math.BigInteger.ONE);
        System.arraycopy(Scalars.encode(v), 0, out, 0, 32);
        return out;
    }

    public static List<ECPoint> shiftEntry(List<ECPoint> c, int k) {
        List<ECPoint> out = new ArrayList<>(c);
        out.set(k, c.get(k).add(Secp256k1.G).normalize());
        return out;
    }
}
