package io.synod.threshold.presign;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.dkg.Keys;
import io.synod.threshold.dkg.ProtocolAbort;
import io.synod.threshold.ecies.Dleq;
import io.synod.threshold.evidence.InvalidProductEvidence;
import io.synod.threshold.evidence.ShareJudge;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Lagrange;
import io.synod.threshold.math.Points;
import io.synod.threshold.math.Polynomial;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.Complaint;
import io.synod.threshold.message.Header;
import io.synod.threshold.message.MessageType;
import io.synod.threshold.message.PresignDealing;
import io.synod.threshold.message.PresignProduct;
import io.synod.threshold.sharing.Commitments;
import io.synod.threshold.sharing.IndexSet;
import io.synod.threshold.sharing.PrivateShares;

/**
 * One signer's side of a presignature session: {@link #deal()} → {@link #receiveDealings} (own complaints; any
 * complaint aborts the session, see {@link #judge}) → {@link #product()} → {@link #finish} (the presignature,
 * or {@link ProtocolAbort} naming who sent a product share that fails its proofs).
 */
public final class PresignMember {
    private final PresignConfig cfg;
    private final KeyShare share;
    private final Keys keys;
    private final SecureRandom rng;
    private Polynomial k;
    private Polynomial alpha;
    private final Map<Integer, PresignDealing> dealings = new TreeMap<>();
    private BigInteger kShare = BigInteger.ZERO;
    private BigInteger alphaShare = BigInteger.ZERO;
    private ECPoint[] kSum;
    private ECPoint[] alphaSum;
    private final List<PresignProduct> invalidProducts = new ArrayList<>();

    public PresignMember(PresignConfig cfg, KeyShare share, Keys keys, SecureRandom rng) {
        if (!cfg.signers().contains(share.index()) || share.index() != keys.self()) {
            throw new io.synod.threshold.ThresholdException("member is not a signer of this session");
        }
        this.cfg = cfg;
        this.share = share;
        this.keys = keys;
        this.rng = rng;
    }

    public PresignDealing deal() {
        int t = cfg.group().threshold();
        k = Polynomial.random(t, rng);
        alpha = Polynomial.random(t, rng);
        Header h = new Header(MessageType.PRESIGN_DEALING, cfg.sessionId(), keys.self());
        PrivateShares.Encrypted enc = PrivateShares.encrypt(h, cfg.signers(),
                r -> PrivateShares.scalars(k.evaluate(r), alpha.evaluate(r)), keys, rng);
        PresignDealing out = new PresignDealing(h, k.feldman(), alpha.feldman(), enc.ephemeral(), enc.ciphertexts());
        k.wipe();
        alpha.wipe();
        return out;
    }

    /** Decrypts own shares of k and α; aggregate Feldman check over all dealers, per dealer only on failure. */
    public List<Complaint> receiveDealings(List<PresignDealing> all) {
        int t = cfg.group().threshold();
        Map<Integer, BigInteger[]> shares = new TreeMap<>();
        List<Complaint> complaints = new ArrayList<>();
        for (PresignDealing d : all) {
            int dealer = d.header().sender();
            if (!cfg.signers().contains(dealer) || dealings.containsKey(dealer)) {
                continue;
            }
            Commitments.requireLength(d.kCommitments(), t);
            Commitments.requireLength(d.alphaCommitments(), t);
            dealings.put(dealer, d);
            Optional<byte[]> plain = PrivateShares.decrypt(d.header(), d.ephemeral(),
                    d.ciphertexts().get(cfg.signers().position(keys.self())), keys);
            List<BigInteger> s = plain.map(ShareJudge::parse).orElse(null);
            if (s == null) {
                complaints.add(complain(d));
            } else {
                shares.put(dealer, new BigInteger[] {s.get(0), s.get(1)});
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int s : cfg.signers().indices()) {
            if (!dealings.containsKey(s)) {
                missing.add(s);
            }
        }
        if (!missing.isEmpty()) {
            throw new ProtocolAbort("signers withheld their presignature dealing", missing);
        }
        List<List<ECPoint>> kv = new ArrayList<>();
        List<List<ECPoint>> av = new ArrayList<>();
        for (PresignDealing d : dealings.values()) {
            kv.add(d.kCommitments());
            av.add(d.alphaCommitments());
        }
        kSum = Points.sumVectors(kv, t + 1);
        alphaSum = Points.sumVectors(av, t + 1);
        Secp256k1.CURVE.normalizeAll(kSum);
        Secp256k1.CURVE.normalizeAll(alphaSum);
        for (BigInteger[] s : shares.values()) {
            kShare = Scalars.add(kShare, s[0]);
            alphaShare = Scalars.add(alphaShare, s[1]);
        }
        boolean aggregateOk = complaints.isEmpty()
                && Secp256k1.mulG(kShare).equals(Points.evaluate(List.of(kSum), keys.self()))
                && Secp256k1.mulG(alphaShare).equals(Points.evaluate(List.of(alphaSum), keys.self()));
        if (!aggregateOk) {
            for (Map.Entry<Integer, BigInteger[]> e : shares.entrySet()) {
                PresignDealing d = dealings.get(e.getKey());
                if (!Commitments.checkFeldman(d.kCommitments(), keys.self(), e.getValue()[0])
                        || !Commitments.checkFeldman(d.alphaCommitments(), keys.self(), e.getValue()[1])) {
                    complaints.add(complain(d));
                }
            }
        }
        return complaints;
    }

    private Complaint complain(PresignDealing d) {
        return PrivateShares.complain(MessageType.PRESIGN_COMPLAINT, cfg.sessionId(), keys, d.header().sender(),
                d.ephemeral(), rng);
    }

    /** Judges posted complaints; if any dealer is proven guilty the session aborts naming them. */
    public void judge(List<Complaint> complaints) {
        List<Integer> guilty = new ArrayList<>();
        for (Complaint c : complaints) {
            PresignDealing d = dealings.get(c.accused());
            if (d != null && ShareJudge.dealerIsGuilty(d, cfg.signers(), c, keys.encryptionKey(c.header().sender()),
                    null) && !guilty.contains(c.accused())) {
                guilty.add(c.accused());
            }
        }
        if (!guilty.isEmpty()) {
            throw new ProtocolAbort("presignature dealer sent an invalid share", guilty);
        }
    }

    /** μ_i = k_i·α_i with its proofs, and Q_i = α_i·X_i with its proof. */
    public PresignProduct product() {
        Header h = new Header(MessageType.PRESIGN_PRODUCT, cfg.sessionId(), keys.self());
        BigInteger mu = Scalars.mul(kShare, alphaShare);
        ECPoint kPub = Secp256k1.mulG(kShare).normalize();
        ECPoint aPub = Secp256k1.mulG(alphaShare).normalize();
        ECPoint xPub = cfg.group().publicShare(keys.self());
        ECPoint muG = Secp256k1.mulG(mu).normalize();
        ECPoint q = xPub.multiply(alphaShare).normalize();
        PresignProduct draft = new PresignProduct(h, mu, null, q, null);
        Dleq.Proof muProof = Dleq.prove(InvalidProductEvidence.proofContext(draft, "mu"), Secp256k1.G, kPub, aPub,
                muG, kShare, rng);
        Dleq.Proof qProof = Dleq.prove(InvalidProductEvidence.proofContext(draft, "q"), Secp256k1.G, aPub, xPub, q,
                alphaShare, rng);
        return new PresignProduct(h, mu, muProof, q, qProof);
    }

    /**
     * Opens μ from the 2t+1 product shares and derives this member's k⁻¹ share. Product proofs are checked
     * lazily: only if a signature made with this presignature fails to verify (see SignatureCombiner), which is
     * when blame is needed; with {@code eager} they are all checked now.
     */
    public Presignature finish(List<PresignProduct> products, boolean eager) {
        IndexSet signers = cfg.signers();
        Map<Integer, PresignProduct> byMember = new TreeMap<>();
        for (PresignProduct p : products) {
            if (signers.contains(p.header().sender())) {
                byMember.putIfAbsent(p.header().sender(), p);
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int s : signers.indices()) {
            if (!byMember.containsKey(s)) {
                missing.add(s);
            }
        }
        if (!missing.isEmpty()) {
            throw new ProtocolAbort("missing product share", missing);
        }
        int m = signers.size();
        BigInteger[] mus = new BigInteger[m];
        for (int i = 0; i < m; i++) {
            mus[i] = byMember.get(signers.get(i)).mu();
        }
        int need = 2 * cfg.group().threshold() + 1;
        int[] idx = signers.indices();
        BigInteger[] lambda = Lagrange.atZero(idx);
        BigInteger mu;
        if (m == need) {
            mu = BigInteger.ZERO;
            for (int i = 0; i < m; i++) {
                mu = Scalars.add(mu, Scalars.mul(lambda[i], mus[i]));
            }
        } else {
            mu = Lagrange.interpolateAtZero(java.util.Arrays.copyOf(idx, need), java.util.Arrays.copyOf(mus, need));
        }
        boolean overdeterminedOk = Lagrange.consistent(idx, mus, need);
        byte[] id = Hashing.hash("SYNOD/presignature-id/v1", cfg.sessionId(), Secp256k1.encode(kSum[0]));
        PresignaturePublic pub = new PresignaturePublic(id, signers, mu, List.of(kSum), List.of(alphaSum),
                List.copyOf(byMember.values()), java.util.Arrays.asList(lambda));
        List<Integer> bad = eager || mu.signum() == 0 || !overdeterminedOk ? pub.invalidProducts(cfg.group())
                : List.of();
        if (!bad.isEmpty() || mu.signum() == 0 || !overdeterminedOk) {
            for (int b : bad) {
                invalidProducts.add(byMember.get(b));
            }
            throw new ProtocolAbort("invalid product share", bad);
        }
        Presignature out = new Presignature(pub, keys.self(), Scalars.mul(alphaShare, Scalars.inv(mu)));
        kShare = BigInteger.ZERO;
        alphaShare = BigInteger.ZERO;
        return out;
    }

    /** K_i from the summed k-commitments. */
    public ECPoint kPublic(int member) {
        return Points.evaluate(List.of(kSum), member);
    }

    /** A_i from the summed α-commitments. */
    public ECPoint alphaPublic(int member) {
        return Points.evaluate(List.of(alphaSum), member);
    }

    public List<PresignProduct> invalidProducts() {
        return List.copyOf(invalidProducts);
    }

    @Override
    public String toString() {
        return "PresignMember[" + keys.self() + ", secrets redacted]";
    }
}
