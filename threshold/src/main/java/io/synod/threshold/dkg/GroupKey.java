package io.synod.threshold.dkg;

import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.math.FixedBaseTable;
import io.synod.threshold.math.Points;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.sharing.IndexSet;

/**
 * Public outcome of key generation or resharing: degree t, member set, Feldman commitments A_0..A_t of the
 * shared polynomial (A_0 = P, the group key) and an additive public tweak δ (P' = P + δ·G, shares x_i + δ).
 */
public final class GroupKey {
    private final int t;
    private final IndexSet members;
    private final List<ECPoint> commitments;
    private final BigInteger tweak;
    private final ConcurrentHashMap<Integer, ECPoint> publicShares = new ConcurrentHashMap<>();
    /** P + δ·G, memoised: every online signer and the combiner ask for it once per signature. */
    private volatile ECPoint tweakedKey;
    private volatile byte[] encodedKey;
    /** Table of the untweaked key P, shared by every tweaked copy (built on first verification). */
    private final BaseKeyTable baseKeyTable;

    public GroupKey(int t, IndexSet members, List<ECPoint> commitments, BigInteger tweak) {
        this(t, members, commitments, tweak, new BaseKeyTable());
    }

    private GroupKey(int t, IndexSet members, List<ECPoint> commitments, BigInteger tweak, BaseKeyTable table) {
        if (commitments.size() != t + 1) {
            throw new io.synod.threshold.ThresholdException("group key needs exactly t+1 commitments");
        }
        ECPoint[] c = commitments.toArray(new ECPoint[0]);
        Secp256k1.CURVE.normalizeAll(c);
        this.t = t;
        this.members = members;
        this.commitments = List.of(c);
        this.tweak = tweak.mod(Secp256k1.N);
        this.baseKeyTable = table;
    }

    public int threshold() {
        return t;
    }

    public IndexSet members() {
        return members;
    }

    public List<ECPoint> commitments() {
        return commitments;
    }

    public BigInteger tweak() {
        return tweak;
    }

    /** The untweaked group public key. */
    public ECPoint baseKey() {
        return commitments.get(0);
    }

    /** P + δ·G. */
    public ECPoint publicKey() {
        if (tweak.signum() == 0) {
            return baseKey();
        }
        ECPoint k = tweakedKey;
        if (k == null) {
            k = baseKey().add(Secp256k1.mulGPublic(tweak)).normalize();
            tweakedKey = k;
        }
        return k;
    }

    /** X_i = x_i·G of the untweaked sharing, memoised. */
    public ECPoint publicShare(int index) {
        return publicShares.computeIfAbsent(index, i -> Points.evaluate(commitments, i).normalize());
    }

    /** Same key, public tweak added (per-deposit derivation). */
    public GroupKey tweaked(BigInteger delta) {
        return new GroupKey(t, members, commitments, tweak.add(delta), baseKeyTable);
    }

    /**
     * Fixed-base table of the untweaked key P (public), so that verifying a signature costs table additions only:
     * r·P' = r·P + (r·δ)·G. Built once per key (a few milliseconds) and shared with every tweaked copy.
     */
    public FixedBaseTable baseKeyTable() {
        return baseKeyTable.of(baseKey());
    }

    private static final class BaseKeyTable {
        private volatile FixedBaseTable table;

        FixedBaseTable of(ECPoint key) {
            FixedBaseTable t = table;
            if (t == null) {
                t = FixedBaseTable.of(key, 8);
                table = t;
            }
            return t;
        }
    }

    /** Compressed P + δ·G, memoised (it enters every re-randomiser hash). */
    public byte[] encodedPublicKey() {
        byte[] e = encodedKey;
        if (e == null) {
            e = Secp256k1.encode(publicKey());
            encodedKey = e;
        }
        return e.clone();
    }
}
