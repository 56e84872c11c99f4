package io.synod.hsm.api;

import java.util.Arrays;
import java.util.HexFormat;

/** The identifier of a consensus group: 32 bytes (the hash of its genesis record). */
public final class GroupId {
    public static final int LENGTH = 32;

    private final byte[] bytes;

    private GroupId(byte[] bytes) {
        this.bytes = bytes;
    }

    public static GroupId of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "group id must be " + LENGTH + " bytes");
        }
        return new GroupId(bytes.clone());
    }

    public static GroupId ofHex(String hex) {
        return of(HexFormat.of().parseHex(hex));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupId g && Arrays.equals(bytes, g.bytes);
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
