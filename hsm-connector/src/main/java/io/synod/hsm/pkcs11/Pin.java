package io.synod.hsm.pkcs11;

import java.util.Arrays;

/** A resolved PIN: wiped after login, never printed. */
final class Pin implements AutoCloseable {
    private final char[] chars;

    Pin(char[] chars) {
        this.chars = chars;
    }

    char[] chars() {
        return chars;
    }

    @Override
    public void close() {
        Arrays.fill(chars, '\0');
    }

    @Override
    public String toString() {
        return "Pin[redacted]";
    }
}
