package io.synod.threshold.sign;

import java.math.BigInteger;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.presign.PresignaturePublic;

/**
 * Groth–Shoup re-randomisation at use: ρ = H(presignature id, R, digest, tweak, tweaked key) and the effective
 * nonce point R' = ρ·R (nonce k' = ρ·k, so k'⁻¹ shares are ρ⁻¹·k⁻¹_i: linear, no extra round). R' is fixed only
 * once the message and the key derivation are fixed. See docs/protocol.md for the argument.
 */
public final class Rerandomiser {
    private Rerandomiser() {
    }

    public record Nonce(BigInteger rho, BigInteger rhoInv, ECPoint point, BigInteger r) {
    }

    public static Nonce derive(PresignaturePublic pub, byte[] digest, BigInteger tweak, ECPoint tweakedKey) {
        return derive(pub, digest, tweak, Secp256k1.encode(tweakedKey));
    }

    /** Same, for a group key (its tweak and its memoised encoded tweaked key). */
    public static Nonce derive(PresignaturePublic pub, byte[] digest, GroupKey key) {
        return derive(pub, digest, key.tweak(), key.encodedPublicKey());
    }

    /** What a signer needs of the nonce: r = x(ρ·R) mod N, without building the point R'. */
    public record SignerNonce(BigInteger r) {
    }

    /** Same derivation as {@link #derive(PresignaturePublic, byte[], GroupKey)}, for the signer's online step. */
    public static SignerNonce deriveForSigner(PresignaturePublic pub, byte[] digest, GroupKey key) {
        BigInteger rho = rho(pub, digest, key.tweak(), key.encodedPublicKey());
        BigInteger r = pub.rTimesXModN(rho);
        if (r.signum() == 0) {
            throw new io.synod.threshold.ThresholdException("degenerate nonce point");
        }
        return new SignerNonce(r);
    }

    private static BigInteger rho(PresignaturePublic pub, byte[] digest, BigInteger tweak, byte[] encodedTweakedKey) {
        if (digest.length != 32) {
            throw new io.synod.threshold.ThresholdException("digest must be 32 bytes");
        }
        BigInteger rho = Hashing.hashToScalar("SYNOD/presign-rerandomise/v1", pub.id(), pub.encodedR(),
                digest, Scalars.encode(tweak.mod(Secp256k1.N)), encodedTweakedKey);
        if (rho.signum() == 0) {
            throw new io.synod.threshold.ThresholdException("degenerate re-randomiser");
        }
        return rho;
    }

    private static Nonce derive(PresignaturePublic pub, byte[] digest, BigInteger tweak, byte[] encodedTweakedKey) {
        BigInteger rho = rho(pub, digest, tweak, encodedTweakedKey);
        ECPoint rp = pub.rTimes(rho);
        BigInteger r = Secp256k1.xModN(rp);
        if (r.signum() == 0) {
            throw new io.synod.threshold.ThresholdException("degenerate nonce point");
        }
        return new Nonce(rho, Scalars.invPublic(rho), rp, r);
    }

    public static BigInteger digestScalar(byte[] digest) {
        return new BigInteger(1, digest).mod(Secp256k1.N);
    }
}
