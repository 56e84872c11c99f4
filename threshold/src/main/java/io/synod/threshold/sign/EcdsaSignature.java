package io.synod.threshold.sign;

import java.math.BigInteger;

import io.synod.threshold.math.Scalars;

/** A low-S secp256k1 ECDSA signature with its recovery id (0..3; Ethereum v = 27 + recId). */
public record EcdsaSignature(BigInteger r, BigInteger s, int recoveryId) {
    /** r ‖ s, 64 bytes. */
    public byte[] compact() {
        byte[] out = new byte[64];
        System.arraycopy(Scalars.encode(r), 0, out, 0, 32);
        System.arraycopy(Scalars.encode(s), 0, out, 32, 32);
        return out;
    }

    public int ethereumV() {
        return 27 + recoveryId;
    }
}
