package io.synod.shared.domain;

import java.util.HexFormat;

/** Strict lowercase/uppercase hex without prefix; anything else is refused with the reason. */
public final class Hex {

    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    public static byte[] decode(String field, String hex, int expectedBytes) {
        if (hex == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        if (hex.length() != expectedBytes * 2) {
            throw new IllegalArgumentException(field + " must be " + expectedBytes + " bytes (" + (expectedBytes * 2)
                    + " hex characters), got " + hex.length() + " characters");
        }
        try {
            return FORMAT.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not hexadecimal");
        }
    }

    public static String encode(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }
}
