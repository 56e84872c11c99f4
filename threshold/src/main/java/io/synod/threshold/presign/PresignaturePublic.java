package io.synod.threshold.presign;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.evidence.InvalidProductEvidence;
import io.synod.threshold.math.FixedBaseTable;
import io.synod.threshold.math.Points;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.PresignProduct;
import io.synod.threshold.sharing.IndexSet;

/**
 * The public record of one presignature: id, signer set, R = k·G, μ = k·α, the summed Feldman commitments to k
 * and α, and every signer's product message (μ_i, Q_i = α_i·X_i and their DLEQ proofs). From it, on demand
 * (blame only), K_i = k_i·G, A_i = α_i·G, W_i = k⁻¹_i·G = μ⁻¹·A_i and P_i = k⁻¹_i·X_i = μ⁻¹·Q_i. Lagrange
 * coefficients at zero for the signer set are precomputed, so the online phase does no inversion.
 */
public final class PresignaturePublic {
    private final byte[] id;
    private final IndexSet signers;
    private final ECPoint r;
    private final BigInteger mu;
    private final List<ECPoint> kCommitments;
    private final List<ECPoint> alphaCommitments;
    private final List<PresignProduct> products;
    private final int slot;
    private final List<BigInteger> lagrange;
    private final ECPoint[] w;
    private final ECPoint[] p;
    private final FixedBaseTable rTable;
    private final byte[] rEncoded;

    /**
     * Window width of the per-presignature table for R: 33 windows of 128 points (264 KiB), built offline while
     * presigning (about 2 ms per member), so that the online R' = ρ·R costs 32 mixed additions instead of a
     * variable-base multiplication (see docs/protocol.md, performance).
     */
    static final int R_TABLE_WIDTH = 8;

    PresignaturePublic(byte[] id, IndexSet signers, BigInteger mu, List<ECPoint> kCommitments,
            List<ECPoint> alphaCommitments, List<PresignProduct> products, int slot, List<BigInteger> lagrangeAtZero) {
        if (products.size() != signers.size()) {
            throw new io.synod.threshold.ThresholdException("one product message per signer expected");
        }
        for (int i = 0; i < products.size(); i++) {
            if (products.get(i).header().sender() != signers.get(i)) {
                throw new io.synod.threshold.ThresholdException("product messages must be in signer order");
            }
        }
        this.id = id.clone();
        this.signers = signers;
        this.mu = mu;
        this.kCommitments = List.copyOf(kCommitments);
        this.alphaCommitments = List.copyOf(alphaCommitments);
        this.r = kCommitments.get(0).normalize();
        // A rushing dealer can cancel the others' k·G; such an R has no table and signing with it fails later.
        this.rTable = r.isInfinity() ? null : FixedBaseTable.of(r, R_TABLE_WIDTH);
        this.rEncoded = r.isInfinity() ? null : Secp256k1.encode(r);
        this.products = List.copyOf(products);
        this.slot = slot;
        if (lagrangeAtZero.size() != signers.size()) {
            throw new io.synod.threshold.ThresholdException("one Lagrange coefficient per signer expected");
        }
        this.lagrange = List.copyOf(lagrangeAtZero);
        this.w = new ECPoint[signers.size()];
        this.p = new ECPoint[signers.size()];
    }

    public byte[] id() {
        return id.clone();
    }

    public IndexSet signers() {
        return signers;
    }

    public ECPoint r() {
        return r;
    }

    /** Compressed encoding of R (computed once; it enters every re-randomiser hash). */
    public byte[] encodedR() {
        if (rEncoded == null) {
            throw new io.synod.threshold.ThresholdException("presignature nonce point is the identity");
        }
        return rEncoded.clone();
    }

    /** ρ·R for the public re-randomiser ρ, from the table precomputed with the presignature. */
    public ECPoint rTimes(BigInteger rho) {
        return rTable == null ? r.multiply(rho) : rTable.multiplyPublic(rho);
    }

    /** x(ρ·R) mod N (0 if ρ·R is the point at infinity): the signer's r without a point object. */
    public BigInteger rTimesXModN(BigInteger rho) {
        if (rTable == null) {
            ECPoint p = r.multiply(rho);
            return p.isInfinity() ? BigInteger.ZERO : Secp256k1.xModN(p);
        }
        return rTable.publicXModN(rho).orElse(BigInteger.ZERO);
    }

    /** The table of R (public), for verification sums; empty when R is the identity (signing fails then). */
    public java.util.Optional<FixedBaseTable> rTable() {
        return java.util.Optional.ofNullable(rTable);
    }

    public BigInteger mu() {
        return mu;
    }

    public List<BigInteger> lagrange() {
        return lagrange;
    }

    public List<PresignProduct> products() {
        return products;
    }

    /** Position of this presignature in its batch (selects μ_i, Q_i and proofs in the product messages). */
    public int slot() {
        return slot;
    }

    public ECPoint kPublic(int member) {
        return Points.evaluate(kCommitments, member).normalize();
    }

    public ECPoint alphaPublic(int member) {
        return Points.evaluate(alphaCommitments, member).normalize();
    }

    /** W at signer position pos. */
    public synchronized ECPoint w(int pos) {
        if (w[pos] == null) {
            w[pos] = alphaPublic(signers.get(pos)).multiply(Scalars.inv(mu)).normalize();
        }
        return w[pos];
    }

    /** P at signer position pos. */
    public synchronized ECPoint p(int pos) {
        if (p[pos] == null) {
            p[pos] = products.get(pos).q().get(slot).multiply(Scalars.inv(mu)).normalize();
        }
        return p[pos];
    }

    /** Signers whose product share fails its proofs against the public commitments and the group's X_i. */
    public List<Integer> invalidProducts(GroupKey group) {
        List<Integer> bad = new ArrayList<>();
        for (int pos = 0; pos < signers.size(); pos++) {
            int s = signers.get(pos);
            if (!InvalidProductEvidence.productIsValid(products.get(pos), slot, kPublic(s), alphaPublic(s),
                    group.publicShare(s))) {
                bad.add(s);
            }
        }
        return bad;
    }

    @Override
    public String toString() {
        return "PresignaturePublic[" + java.util.HexFormat.of().formatHex(id, 0, 8) + ", signers " + signers + "]";
    }
}
