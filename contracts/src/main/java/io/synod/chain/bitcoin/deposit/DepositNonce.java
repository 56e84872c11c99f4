package io.synod.chain.bitcoin.deposit;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Eight bytes that make each deposit script unique: two deposits with the same recipient, refund key and height
 * still get different addresses, so one deposit's address never reveals or collides with another's. Not a secret.
 */
public record DepositNonce(byte[] bytes) {

    public static final int LENGTH = 8;

    public DepositNonce {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("a deposit nonce is 8 bytes");
        }
        bytes = bytes.clone();
    }

    public static DepositNonce random(SecureRandom random) {
        byte[] b = new byte[LENGTH];
        random.nextBytes(b);
        return new DepositNonce(b);
    }

    public static DepositNonce parse(String hex) {
        return new DepositNonce(HexFormat.of().parseHex(hex));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DepositNonce n && Arrays.equals(bytes, n.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
