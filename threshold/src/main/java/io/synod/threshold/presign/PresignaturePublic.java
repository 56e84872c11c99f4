package io.synod.threshold.presign;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.math.Lagrange;
import io.synod.threshold.sharing.IndexSet;

/**
 * The public record of one presignature: its id, the signer set, R = k·G, and for each signer (in set order)
 * W_i = k⁻¹_i·G and P_i = k⁻¹_i·X_i, against which partial signatures are checked when blame is needed.
 * Lagrange coefficients at zero for the signer set are precomputed here so the online phase does no inversion.
 */
public record PresignaturePublic(byte[] id, IndexSet signers, ECPoint r, List<ECPoint> w, List<ECPoint> p,
        List<BigInteger> lagrange) {
    public PresignaturePublic {
        id = id.clone();
        w = List.copyOf(w);
        p = List.copyOf(p);
        lagrange = List.copyOf(lagrange);
    }

    public static PresignaturePublic of(byte[] id, IndexSet signers, ECPoint r, List<ECPoint> w, List<ECPoint> p) {
        return new PresignaturePublic(id, signers, r.normalize(), w, p,
                Arrays.asList(Lagrange.atZero(signers.indices())));
    }

    @Override
    public byte[] id() {
        return id.clone();
    }

    @Override
    public String toString() {
        return "PresignaturePublic[" + java.util.HexFormat.of().formatHex(id, 0, 8) + ", signers " + signers + "]";
    }
}
