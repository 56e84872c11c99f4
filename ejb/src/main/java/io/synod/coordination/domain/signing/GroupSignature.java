package io.synod.coordination.domain.signing;

import java.math.BigInteger;

/**
 * A verified group signature: low-S (r, s) and the recovery id, over {@code target}. Implementations of
 * {@link GroupSigning} verify it against the (tweaked) group key before returning it.
 */
public record GroupSignature(SigningTarget target, BigInteger r, BigInteger s, int recoveryId) {

    /** r ‖ s ‖ v with v = 27 + recovery id, as Solidity's ecrecover wants it. */
    public byte[] ethereum() {
        byte[] out = new byte[65];
        byte[] rb = fixed(r);
        byte[] sb = fixed(s);
        System.arraycopy(rb, 0, out, 0, 32);
        System.arraycopy(sb, 0, out, 32, 32);
        out[64] = (byte) (27 + recoveryId);
        return out;
    }

    private static byte[] fixed(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }
}
