package io.synod.chain.bitcoin;

import java.util.HexFormat;

/** Helpers for 32-byte hashes shown, as Bitcoin RPC does, in reversed byte order. */
final class Hash256 {

    private Hash256() {
    }

    static byte[] parse(String hex, String what) {
        if (hex == null || hex.length() != 64) {
            throw new IllegalArgumentException(what + " must be 64 hex characters: " + hex);
        }
        byte[] bytes = HexFormat.of().parseHex(hex);
        if (java.util.Arrays.equals(bytes, new byte[32])) {
            throw new IllegalArgumentException(what + " must not be zero");
        }
        return bytes;
    }
}
