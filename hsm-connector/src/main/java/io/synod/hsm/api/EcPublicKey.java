package io.synod.hsm.api;

import java.util.Arrays;
import java.util.HexFormat;

/** A secp256k1 public key in SEC 1 compressed form (33 bytes). */
public final class EcPublicKey {
    private final byte[] compressed;

    public EcPublicKey(byte[] compressed) {
        if (compressed == null || compressed.length != 33 || (compressed[0] != 2 && compressed[0] != 3)) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "a compressed secp256k1 key is 33 bytes starting 02/03");
        }
        this.compressed = compressed.clone();
    }

    public byte[] compressed() {
        return compressed.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcPublicKey k && Arrays.equals(compressed, k.compressed);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(compressed);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(compressed);
    }
}
