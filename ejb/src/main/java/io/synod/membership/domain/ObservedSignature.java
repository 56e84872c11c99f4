package io.synod.membership.domain;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A signature seen somewhere (a Bitcoin input's witness, a sidechain call's ecrecover-able signature), with the
 * digest it signs as the observer recomputed it from where it was seen (the input's BIP 143 sighash, the call's
 * EIP-712 digest) and the public tweak of the key it was checked under (zero for the group key itself).
 */
public record ObservedSignature(String where, byte[] digest, BigInteger r, BigInteger s, BigInteger tweak) {
    public ObservedSignature {
        if (digest.length != 32 || r.signum() <= 0 || s.signum() <= 0 || tweak.signum() < 0) {
            throw new IllegalArgumentException("32-byte digest, positive r and s, non-negative tweak");
        }
        digest = digest.clone();
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObservedSignature x && x.where.equals(where) && Arrays.equals(x.digest, digest)
                && x.r.equals(r) && x.s.equals(s) && x.tweak.equals(tweak);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest) * 31 + r.hashCode();
    }
}
