package io.synod.hsm.api;

import java.util.Arrays;

/**
 * Plaintext share bytes, alive only inside a bounded scope ({@link ShareScope}); wiped when the scope ends.
 * Never logged: {@link #toString()} is redacted. Callers must not keep references to {@link #bytes()}.
 */
public final class ShareSecret implements AutoCloseable {
    private final byte[] bytes;
    private volatile boolean wiped;

    private ShareSecret(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes ownership of {@code bytes}: the array is wiped with this secret. */
    public static ShareSecret adopt(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "a share must not be empty");
        }
        return new ShareSecret(bytes);
    }

    /** Copies {@code bytes}; the caller remains responsible for its own array. */
    public static ShareSecret copyOf(byte[] bytes) {
        return adopt(bytes == null ? null : bytes.clone());
    }

    /** The live plaintext; valid only until the enclosing scope ends. */
    public byte[] bytes() {
        if (wiped) {
            throw new IllegalStateException("share secret used after its scope ended");
        }
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    public boolean isWiped() {
        return wiped;
    }

    public void wipe() {
        Arrays.fill(bytes, (byte) 0);
        wiped = true;
    }

    @Override
    public void close() {
        wipe();
    }

    @Override
    public String toString() {
        return "ShareSecret[redacted, " + bytes.length + " bytes" + (wiped ? ", wiped" : "") + "]";
    }
}
