package io.synod.threshold.sharing;

import java.math.BigInteger;

import io.synod.threshold.math.Secp256k1;

/**
 * A member's evaluation point. Indices are reduced modulo the group order and must be neither 0 (which would
 * reveal the secret) nor above 65535 (the wire width).
 */
public record MemberIndex(int value) implements Comparable<MemberIndex> {
    public static final int MAX = 0xFFFF;

    public MemberIndex {
        if (value <= 0 || value > MAX) {
            throw new InvalidIndexException("member index must be in 1.." + MAX + ", got " + value);
        }
    }

    public static MemberIndex of(int value) {
        return new MemberIndex(value);
    }

    /** Accepts any integer, reduces it mod N, and rejects 0 (e.g. N itself) and values that do not fit. */
    public static MemberIndex fromScalar(BigInteger raw) {
        BigInteger reduced = raw.mod(Secp256k1.N);
        if (reduced.signum() == 0) {
            throw new InvalidIndexException("member index is 0 modulo the group order");
        }
        if (reduced.compareTo(BigInteger.valueOf(MAX)) > 0) {
            throw new InvalidIndexException("member index does not fit the wire width");
        }
        return new MemberIndex(reduced.intValueExact());
    }

    public BigInteger scalar() {
        return BigInteger.valueOf(value);
    }

    @Override
    public int compareTo(MemberIndex o) {
        return Integer.compare(value, o.value);
    }

    public static final class InvalidIndexException extends io.synod.threshold.ThresholdException {
        public InvalidIndexException(String m) {
            super(m);
        }
    }
}
