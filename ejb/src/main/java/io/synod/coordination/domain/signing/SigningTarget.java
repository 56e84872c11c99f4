package io.synod.coordination.domain.signing;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * What a member agreed to sign after checking an action: a 32-byte digest, and the public additive tweak of the
 * group key it is signed under (zero for the group key itself).
 */
public record SigningTarget(byte[] digest, BigInteger tweak) {

    public SigningTarget {
        if (digest == null || digest.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes");
        }
        if (tweak == null || tweak.signum() < 0) {
            throw new IllegalArgumentException("tweak must be a non-negative scalar");
        }
        digest = digest.clone();
    }

    public static SigningTarget untweaked(byte[] digest) {
        return new SigningTarget(digest, BigInteger.ZERO);
    }

    @Override
    public byte[] digest() {
        return digest.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigningTarget t && Arrays.equals(t.digest, digest) && t.tweak.equals(tweak);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest) * 31 + tweak.hashCode();
    }

    @Override
    public String toString() {
        return "SigningTarget[" + java.util.HexFormat.of().formatHex(digest) + ", tweak " + tweak.toString(16) + "]";
    }
}
