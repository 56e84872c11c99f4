package io.synod.threshold.ecies;

import java.math.BigInteger;
import java.security.SecureRandom;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;

/**
 * Chaum–Pedersen proof that log_{B1}(P1) = log_{B2}(P2), in commitment form (T1, T2, z) so that many proofs
 * can be checked together. Fiat–Shamir challenge over a caller-supplied context (session, round, member).
 */
public final class Dleq {
    private static final String DOMAIN = "SYNOD/dleq/v1";

    private Dleq() {
    }

    /** The proof; 33 + 33 + 32 bytes on the wire. */
    public record Proof(ECPoint t1, ECPoint t2, BigInteger z) {
        public Proof {
            t1 = t1.normalize();
            t2 = t2.normalize();
        }
    }

    public static Proof prove(byte[] context, ECPoint b1, ECPoint p1, ECPoint b2, ECPoint p2, BigInteger x,
            SecureRandom rng) {
        BigInteger r = Scalars.random(rng);
        ECPoint t1 = b1 == Secp256k1.G ? Secp256k1.mulG(r) : b1.multiply(r);
        ECPoint t2 = b2.multiply(r);
        BigInteger c = challenge(context, b1, p1, b2, p2, t1, t2);
        return new Proof(t1, t2, Scalars.add(r, Scalars.mul(c, x)));
    }

    public static boolean verify(byte[] context, ECPoint b1, ECPoint p1, ECPoint b2, ECPoint p2, Proof proof) {
        if (p1.isInfinity() || p2.isInfinity() || !Scalars.isValid(proof.z())) {
            return false;
        }
        BigInteger c = challenge(context, b1, p1, b2, p2, proof.t1(), proof.t2());
        ECPoint l1 = b1 == Secp256k1.G ? Secp256k1.mulG(proof.z()) : b1.multiply(proof.z());
        ECPoint l2 = b2.multiply(proof.z());
        return l1.equals(proof.t1().add(p1.multiply(c))) && l2.equals(proof.t2().add(p2.multiply(c)));
    }

    private static BigInteger challenge(byte[] context, ECPoint b1, ECPoint p1, ECPoint b2, ECPoint p2,
            ECPoint t1, ECPoint t2) {
        return Hashing.hashToScalar(DOMAIN, context, enc(b1), enc(p1), enc(b2), enc(p2), enc(t1), enc(t2));
    }

    private static byte[] enc(ECPoint p) {
        return p.isInfinity() ? new byte[0] : p.getEncoded(true);
    }
}
