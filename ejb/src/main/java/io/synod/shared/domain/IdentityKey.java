package io.synod.shared.domain;

import java.util.Arrays;

import org.bouncycastle.asn1.sec.SECNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A member's long-term identity key: a compressed secp256k1 public key. Decoding checks that the
 * point is canonical, on the curve and not the identity, so a forged or malformed key is refused at
 * the boundary rather than deep inside a protocol run.
 */
public record IdentityKey(byte[] compressed) {

    private static final ECCurve CURVE = SECNamedCurves.getByName("secp256k1").getCurve();

    public IdentityKey {
        if (compressed == null || compressed.length != 33) {
            throw new IllegalArgumentException("identity key must be a 33-byte compressed secp256k1 point");
        }
        if (compressed[0] != 0x02 && compressed[0] != 0x03) {
            throw new IllegalArgumentException("identity key must start with 02 or 03 (compressed form)");
        }
        ECPoint point;
        try {
            point = CURVE.decodePoint(compressed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("identity key is not a point on secp256k1");
        }
        if (point.isInfinity() || !point.isValid()) {
            throw new IllegalArgumentException("identity key is not a valid secp256k1 point");
        }
        compressed = compressed.clone();
    }

    public static IdentityKey parse(String hex) {
        return new IdentityKey(Hex.decode("identity key", hex, 33));
    }

    @Override
    public byte[] compressed() {
        return compressed.clone();
    }

    public String hex() {
        return Hex.encode(compressed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdentityKey other && Arrays.equals(other.compressed, compressed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(compressed);
    }

    @Override
    public String toString() {
        return hex();
    }
}
