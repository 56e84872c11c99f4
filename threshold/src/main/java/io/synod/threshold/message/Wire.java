package io.synod.threshold.message;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.ecies.Dleq;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.DecodeException.Reason;

/** Canonical writer and strict reader. The reader never throws anything but {@link DecodeException}. */
public final class Wire {
    private Wire() {
    }

    public static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        public Writer header(Header h) {
            u8(Header.VERSION);
            u8(h.type().code);
            raw(h.sessionId());
            u8(h.round());
            u16(h.sender());
            return this;
        }

        public Writer u8(int v) {
            out.write(v & 0xFF);
            return this;
        }

        public Writer u16(int v) {
            if (v < 0 || v > 0xFFFF) {
                throw new IllegalArgumentException("u16 out of range");
            }
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        public Writer raw(byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        public Writer scalar(BigInteger k) {
            if (!Scalars.isValid(k)) {
                throw new IllegalArgumentException("scalar out of range");
            }
            return raw(Scalars.encode(k));
        }

        public Writer point(ECPoint p) {
            return raw(Secp256k1.encode(p));
        }

        public Writer points(List<ECPoint> ps) {
            u16(ps.size());
            ps.forEach(this::point);
            return this;
        }

        public Writer scalars(List<BigInteger> ks) {
            u16(ks.size());
            ks.forEach(this::scalar);
            return this;
        }

        public Writer blobs(List<byte[]> bs) {
            u16(bs.size());
            for (byte[] b : bs) {
                u16(b.length);
                raw(b);
            }
            return this;
        }

        public Writer proof(Dleq.Proof p) {
            return point(p.t1()).point(p.t2()).scalar(p.z());
        }

        public byte[] toBytes() {
            return out.toByteArray();
        }
    }

    public static final class Reader {
        private final byte[] in;
        private int pos;

        public Reader(byte[] in) throws DecodeException {
            if (in == null) {
                throw new DecodeException(Reason.NULL_INPUT, "no input");
            }
            this.in = in;
        }

        private void need(int n) throws DecodeException {
            if (n < 0 || in.length - pos < n) {
                throw new DecodeException(Reason.TRUNCATED, "needed " + n + " bytes at offset " + pos);
            }
        }

        public int u8() throws DecodeException {
            need(1);
            return in[pos++] & 0xFF;
        }

        public int u16() throws DecodeException {
            need(2);
            int v = ((in[pos] & 0xFF) << 8) | (in[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        public byte[] raw(int n) throws DecodeException {
            need(n);
            byte[] b = java.util.Arrays.copyOfRange(in, pos, pos + n);
            pos += n;
            return b;
        }

        public int index() throws DecodeException {
            int v = u16();
            if (v == 0) {
                throw new DecodeException(Reason.INDEX_ZERO, "member index 0");
            }
            return v;
        }

        public BigInteger scalar() throws DecodeException {
            BigInteger k = new BigInteger(1, raw(Secp256k1.SCALAR_BYTES));
            if (k.compareTo(Secp256k1.N) >= 0) {
                throw new DecodeException(Reason.SCALAR_OUT_OF_RANGE, "scalar not below the group order");
            }
            return k;
        }

        public BigInteger nonZeroScalar() throws DecodeException {
            BigInteger k = scalar();
            if (k.signum() == 0) {
                throw new DecodeException(Reason.SCALAR_ZERO, "zero scalar");
            }
            return k;
        }

        public ECPoint point() throws DecodeException {
            byte[] enc = raw(Secp256k1.POINT_BYTES);
            if (enc[0] == 0x00) {
                throw new DecodeException(Reason.POINT_AT_INFINITY, "identity point");
            }
            if (enc[0] != 0x02 && enc[0] != 0x03) {
                throw new DecodeException(Reason.POINT_NOT_CANONICAL, "not a compressed point");
            }
            if (new BigInteger(1, java.util.Arrays.copyOfRange(enc, 1, 33)).compareTo(Secp256k1.P) >= 0) {
                throw new DecodeException(Reason.POINT_NOT_CANONICAL, "x not below the field prime");
            }
            return Secp256k1.tryDecode(enc)
                    .orElseThrow(() -> new DecodeException(Reason.POINT_NOT_ON_CURVE, "x is not on secp256k1"));
        }

        public List<ECPoint> points(int expected) throws DecodeException {
            int n = u16();
            if (n != expected) {
                throw new DecodeException(Reason.WRONG_VECTOR_LENGTH, "got " + n + " points, expected " + expected);
            }
            need(n * Secp256k1.POINT_BYTES);
            List<ECPoint> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(point());
            }
            return List.copyOf(out);
        }

        public List<BigInteger> scalars(int expected) throws DecodeException {
            int n = u16();
            if (n != expected) {
                throw new DecodeException(Reason.WRONG_VECTOR_LENGTH, "got " + n + " scalars, expected " + expected);
            }
            List<BigInteger> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(scalar());
            }
            return List.copyOf(out);
        }

        public List<byte[]> blobs(int expected, int eachLength) throws DecodeException {
            int n = u16();
            if (n != expected) {
                throw new DecodeException(Reason.WRONG_VECTOR_LENGTH, "got " + n + " ciphertexts, expected " + expected);
            }
            List<byte[]> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int len = u16();
                if (len != eachLength) {
                    throw new DecodeException(Reason.WRONG_CIPHERTEXT_LENGTH, "ciphertext of " + len + " bytes");
                }
                out.add(raw(len));
            }
            return List.copyOf(out);
        }

        public Dleq.Proof proof() throws DecodeException {
            return new Dleq.Proof(point(), point(), scalar());
        }

        public void end() throws DecodeException {
            if (pos != in.length) {
                throw new DecodeException(Reason.TRAILING_BYTES, (in.length - pos) + " trailing bytes");
            }
        }
    }
}
