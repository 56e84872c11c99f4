package io.synod.peg.domain.pegout;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * Big-endian fixed-width encoding of the peg's signable actions, read strictly: a decoder that leaves bytes over
 * or runs short fails, and every field is range-checked by the action's own constructor.
 */
public final class ActionBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public ActionBytes u8(int v) {
        if (v < 0 || v > 0xff) {
            throw new IllegalArgumentException("not a byte: " + v);
        }
        out.write(v);
        return this;
    }

    public ActionBytes u16(int v) {
        if (v < 0 || v > 0xffff) {
            throw new IllegalArgumentException("not a u16: " + v);
        }
        out.write(v >>> 8);
        out.write(v);
        return this;
    }

    public ActionBytes i64(long v) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
        return this;
    }

    public ActionBytes fixed(byte[] b, int length) {
        if (b.length != length) {
            throw new IllegalArgumentException("expected " + length + " bytes, got " + b.length);
        }
        out.writeBytes(b);
        return this;
    }

    /** A length-prefixed (u32) byte string. */
    public ActionBytes bytes(byte[] b) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
        return this;
    }

    public byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Reads what {@link ActionBytes} wrote; {@link #end()} insists nothing is left over. */
    public static final class Reader {
        private final ByteBuffer in;
        private final String what;

        public Reader(byte[] encoded, String what) {
            this.in = ByteBuffer.wrap(encoded.clone());
            this.what = what;
        }

        public int u8() {
            return guard(() -> in.get() & 0xff);
        }

        public int u16() {
            return guard(() -> in.getShort() & 0xffff);
        }

        public long i64() {
            return guard(in::getLong);
        }

        public byte[] fixed(int length) {
            return guard(() -> {
                byte[] b = new byte[length];
                in.get(b);
                return b;
            });
        }

        public byte[] bytes(int maxLength) {
            int n = guard(in::getInt);
            if (n < 0 || n > maxLength || n > in.remaining()) {
                throw new IllegalArgumentException(what + ": byte string of " + n + " bytes is out of range");
            }
            return fixed(n);
        }

        public void end() {
            if (in.hasRemaining()) {
                throw new IllegalArgumentException(what + ": " + in.remaining() + " trailing bytes");
            }
        }

        private <T> T guard(java.util.function.Supplier<T> read) {
            try {
                return read.get();
            } catch (BufferUnderflowException e) {
                throw new IllegalArgumentException(what + ": truncated");
            }
        }
    }
}
