package io.synod.hsm.api;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A secp256k1 ECDSA signature with low S (s at most n/2, as Bitcoin and the EVM require) and the recovery id
 * (0-3) that lets a verifier recover the public key from (digest, r, s).
 */
public record RecoverableSignature(BigInteger r, BigInteger s, int recoveryId) {
    private static final BigInteger N =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    private static final BigInteger HALF_N = N.shiftRight(1);

    public RecoverableSignature {
        if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(HALF_N) > 0) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "signature out of range or not low-S");
        }
        if (recoveryId < 0 || recoveryId > 3) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "recovery id must be 0-3");
        }
    }

    /** r (32) || s (32) || recovery id (1): the layout {@code ecrecover} callers expect (add 27 for v). */
    public byte[] toCompact() {
        byte[] out = new byte[65];
        copyUnsigned(r, out, 0);
        copyUnsigned(s, out, 32);
        out[64] = (byte) recoveryId;
        return out;
    }

    private static void copyUnsigned(BigInteger v, byte[] out, int offset) {
        byte[] b = v.toByteArray();
        int skip = b.length > 32 ? b.length - 32 : 0;
        System.arraycopy(b, skip, out, offset + 32 - (b.length - skip), b.length - skip);
    }

    @Override
    public String toString() {
        return "RecoverableSignature" + Arrays.toString(new String[] {r.toString(16), s.toString(16)}) + "/" + recoveryId;
    }
}
