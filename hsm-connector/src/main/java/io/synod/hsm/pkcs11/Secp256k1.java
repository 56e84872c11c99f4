package io.synod.hsm.pkcs11;

import io.synod.hsm.api.EcPublicKey;
import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import io.synod.hsm.api.RecoverableSignature;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

import java.math.BigInteger;
import java.util.Arrays;

/** The secp256k1 arithmetic the token does not do: point encodings, low-S normalisation, recovery id. */
public final class Secp256k1 {
    /** DER of OID 1.3.132.0.10, the CKA_EC_PARAMS of secp256k1. */
    static final byte[] EC_PARAMS = {0x06, 0x05, 0x2b, (byte) 0x81, 0x04, 0x00, 0x0a};

    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    private static final ECCurve CURVE = PARAMS.getCurve();
    static final BigInteger N = PARAMS.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);

    private Secp256k1() {
    }

    /** Decodes CKA_EC_POINT, which tokens return either DER-wrapped (04 41 04 ...) or raw. */
    static ECPoint decodeTokenPoint(byte[] ecPoint) {
        byte[] raw = ecPoint;
        if (ecPoint.length == 67 && ecPoint[0] == 0x04 && ecPoint[1] == 0x41) {
            raw = Arrays.copyOfRange(ecPoint, 2, ecPoint.length);
        }
        return decode(raw);
    }

    static ECPoint decode(byte[] encoded) {
        try {
            ECPoint p = CURVE.decodePoint(encoded);
            if (p.isInfinity() || !p.isValid()) {
                throw new IllegalArgumentException("invalid point");
            }
            return p.normalize();
        } catch (IllegalArgumentException e) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "not a valid secp256k1 point");
        }
    }

    static EcPublicKey toPublicKey(ECPoint point) {
        return new EcPublicKey(point.getEncoded(true));
    }

    static byte[] uncompressed(byte[] compressed) {
        return decode(compressed).getEncoded(false);
    }

    /**
     * Turns the token's raw r || s into a low-S signature with its recovery id. Computes R = (e/s)G + (r/s)Q, which
     * both verifies the token's output against {@code publicKey} (a faulty signature is never returned) and gives the
     * recovery id: the parity of R.y, plus 2 when R.x overflowed the group order. One double multiplication, with
     * the precomputation for G and the identity key cached across calls.
     */
    static RecoverableSignature normalise(byte[] digest, byte[] rawSignature, ECPoint publicKey) {
        if (rawSignature.length != 64) {
            throw new HsmException(HsmFailure.DEVICE_ERROR,
                    "the token returned a " + rawSignature.length + "-byte ECDSA signature, expected 64 (r || s)");
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(rawSignature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(rawSignature, 32, 64));
        if (r.signum() == 0 || r.compareTo(N) >= 0 || s.signum() == 0 || s.compareTo(N) >= 0) {
            throw new HsmException(HsmFailure.DEVICE_ERROR, "the token returned an out-of-range ECDSA signature");
        }
        if (s.compareTo(HALF_N) > 0) {
            s = N.subtract(s);
        }
        BigInteger w = s.modInverse(N);
        BigInteger u1 = new BigInteger(1, digest).mod(N).multiply(w).mod(N);
        BigInteger u2 = r.multiply(w).mod(N);
        ECPoint bigR = ECAlgorithms.sumOfTwoMultiplies(PARAMS.getG(), u1, publicKey, u2).normalize();
        if (bigR.isInfinity()) {
            throw new HsmException(HsmFailure.DEVICE_ERROR, "the token's signature does not verify");
        }
        BigInteger x = bigR.getAffineXCoord().toBigInteger();
        if (!x.mod(N).equals(r)) {
            throw new HsmException(HsmFailure.DEVICE_ERROR,
                    "the token's signature does not verify against the identity public key");
        }
        int recId = (bigR.getAffineYCoord().testBitZero() ? 1 : 0) | (x.compareTo(N) >= 0 ? 2 : 0);
        return new RecoverableSignature(r, s, recId);
    }
}
