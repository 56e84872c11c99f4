package io.synod.shared.domain;

import java.util.Arrays;

/** A 32-byte protocol session identifier, shown as hex. */
public record SessionId(byte[] bytes) {

    public SessionId {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("session id must be 32 bytes");
        }
        bytes = bytes.clone();
    }

    public static SessionId parse(String hex) {
        return new SessionId(Hex.decode("session id", hex, 32));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionId other && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return Hex.encode(bytes);
    }
}
