package io.synod.threshold.sign;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.math.FixedBaseTable;
import io.synod.threshold.math.Lagrange;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.PartialSignatureMessage;
import io.synod.threshold.presign.PresignaturePublic;

/**
 * Combines partial signatures. Fast path: interpolate the first 2t+1 partials (precomputed Lagrange
 * coefficients), normalise to low-S, verify. Extra partials are checked by evaluating the interpolating
 * degree-2t polynomial at their index (error detection, scalar arithmetic only). If the signature fails to
 * verify or an extra partial disagrees: first the presignature's product-share proofs are checked (a bad μ
 * share aborts, naming its sender), then every partial is checked against public data, the bad ones are
 * reported, and the rest are combined if 2t+1 remain. A signature that does not verify is never returned.
 */
public final class SignatureCombiner {
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(Secp256k1.CURVE, Secp256k1.G,
            Secp256k1.N);

    private SignatureCombiner() {
    }

    public record Result(EcdsaSignature signature, List<Integer> badSigners) {
    }

    public static Result combine(PresignaturePublic pub, GroupKey key, byte[] digest,
            List<PartialSignatureMessage> partials) {
        int t = key.threshold();
        Map<Integer, BigInteger> byMember = new TreeMap<>();
        for (PartialSignatureMessage p : partials) {
            int who = p.header().sender();
            if (pub.signers().contains(who) && Arrays.equals(p.presignatureId(), pub.id())) {
                byMember.putIfAbsent(who, p.s());
            }
        }
        Rerandomiser.Nonce nonce = Rerandomiser.derive(pub, digest, key);
        BigInteger e = Rerandomiser.digestScalar(digest);
        if (byMember.size() >= 2 * t + 1) {
            EcdsaSignature sig = tryCombine(byMember, 2 * t + 1, pub, nonce, e, key);
            if (sig != null && extrasAgree(byMember, 2 * t + 1)) {
                return new Result(sig, List.of());
            }
        }
        List<Integer> badProducts = pub.invalidProducts(key);
        if (!badProducts.isEmpty()) {
            throw new SigningAbort("presignature has invalid product shares", badProducts, true);
        }
        List<Integer> bad = new ArrayList<>();
        Map<Integer, BigInteger> good = new TreeMap<>();
        for (Map.Entry<Integer, BigInteger> en : byMember.entrySet()) {
            if (PartialCheck.isValid(pub, pub.signers().position(en.getKey()), en.getValue(), e, key.tweak(), nonce)) {
                good.put(en.getKey(), en.getValue());
            } else {
                bad.add(en.getKey());
            }
        }
        if (good.size() >= 2 * t + 1) {
            EcdsaSignature sig = tryCombine(good, 2 * t + 1, pub, nonce, e, key);
            if (sig != null) {
                return new Result(sig, bad);
            }
        }
        throw new SigningAbort(good.size() < 2 * t + 1 ? "fewer than 2t+1 valid partial signatures"
                : "valid partials did not combine to a valid signature", bad, false);
    }

    private static EcdsaSignature tryCombine(Map<Integer, BigInteger> parts, int count, PresignaturePublic pub,
            Rerandomiser.Nonce nonce, BigInteger e, GroupKey key) {
        int[] idx = new int[count];
        BigInteger[] vals = new BigInteger[count];
        int i = 0;
        for (Map.Entry<Integer, BigInteger> en : parts.entrySet()) {
            if (i == count) {
                break;
            }
            idx[i] = en.getKey();
            vals[i++] = en.getValue();
        }
        BigInteger sum;
        if (Arrays.equals(idx, pub.signers().indices())) {
            // one reduction for the whole sum: 2t+1 products of 256-bit values stay far below any size limit
            sum = BigInteger.ZERO;
            for (int j = 0; j < count; j++) {
                sum = sum.add(pub.lagrange().get(j).multiply(vals[j]));
            }
            sum = sum.mod(Secp256k1.N);
        } else {
            sum = Lagrange.interpolateAtZero(idx, vals);
        }
        // partials are s̃_i = k⁻¹_i·(e + r·x_i); the re-randomised nonce k' = ρ·k adds the common factor ρ⁻¹
        BigInteger s = Scalars.mul(nonce.rhoInv(), sum);
        if (s.signum() == 0 || !verifiesByTables(key, nonce, e, s)) {
            return null;
        }
        ECPoint rp = nonce.point();
        int recId = (rp.getAffineYCoord().testBitZero() ? 1 : 0)
                | (rp.getAffineXCoord().toBigInteger().compareTo(Secp256k1.N) >= 0 ? 2 : 0);
        if (s.compareTo(Secp256k1.HALF_N) > 0) {
            s = Secp256k1.N.subtract(s);
            recId ^= 1;
        }
        return new EcdsaSignature(nonce.r(), s, recId);
    }

    /**
     * ECDSA verification of (r, s) under P' = P + δ·G against the nonce point R' = ρ·R computed here: the standard
     * u1·G + u2·P' with u1 = e·s⁻¹, u2 = r·s⁻¹, phrased for the tables at hand as (u1 + u2·δ)·G + u2·P, and compared
     * with R' itself (which implies x(R') ≡ r, the standard check). Two fixed-base sums (about 62 additions, no
     * doubling, no field inversion) and one scalar inversion, instead of a double multiplication.
     */
    private static boolean verifiesByTables(GroupKey key, Rerandomiser.Nonce nonce, BigInteger e, BigInteger s) {
        BigInteger sInv = Scalars.invPublic(s);
        BigInteger u2 = Scalars.mul(nonce.r(), sInv);
        BigInteger u1 = Scalars.mul(Scalars.add(e, Scalars.mul(nonce.r(), key.tweak())), sInv);
        return FixedBaseTable.publicSumEquals(List.of(Secp256k1.gPublicTable(), key.baseKeyTable()),
                List.of(u1, u2), nonce.point());
    }

    /** Extra partials must lie on the degree-2t polynomial through the first 2t+1. */
    private static boolean extrasAgree(Map<Integer, BigInteger> parts, int count) {
        int[] idx = parts.keySet().stream().mapToInt(Integer::intValue).toArray();
        return Lagrange.consistent(idx, parts.values().toArray(new BigInteger[0]), count);
    }

    public static boolean verify(ECPoint pk, BigInteger e, BigInteger r, BigInteger s) {
        ECDSASigner v = new ECDSASigner();
        v.init(false, new ECPublicKeyParameters(pk, DOMAIN));
        return v.verifySignature(Scalars.encode(e), r, s);
    }
}
