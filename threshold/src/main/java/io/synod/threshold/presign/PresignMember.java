package io.synod.threshold.presign;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
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
 * One signer's side of a presignature session producing a batch of B presignatures: {@link #deal()} →
 * {@link #receiveDealings} (own complaints; any complaint aborts the session, see {@link #judge}) →
 * {@link #product()} → {@link #finish} (the B presignatures, or {@link ProtocolAbort} naming culprits).
 */
public final class PresignMember {
    private final PresignConfig cfg;
    private final Keys keys;
    private final SecureRandom rng;
    private final int batch;
    private final Map<Integer, PresignDealing> dealings = new TreeMap<>();
    private final BigInteger[] kShare;
    private final BigInteger[] alphaShare;
    private final ECPoint[][] kSum;
    private final ECPoint[][] alphaSum;
    private final List<PresignProduct> invalidProducts = new ArrayList<>();
    private final List<Integer> invalidSlots = new ArrayList<>();

    public PresignMember(PresignConfig cfg, KeyShare share, Keys keys, SecureRandom rng) {
        if (!cfg.signers().contains(share.index()) || share.index() != keys.self()) {
            throw new io.synod.threshold.ThresholdException("member is not a signer of this session");
        }
        this.cfg = cfg;
        this.keys = keys;
        this.rng = rng;
        this.batch = cfg.batch();
        this.kShare = new BigInteger[batch];
        this.alphaShare = new BigInteger[batch];
        this.kSum = new ECPoint[batch][];
        this.alphaSum = new ECPoint[batch][];
    }

    public PresignDealing deal() {
        int t = cfg.group().threshold();
        Polynomial[] k = new Polynomial[batch];
        Polynomial[] alpha = new Polynomial[batch];
        List<ECPoint> kc = new ArrayList<>();
        List<ECPoint> ac = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            k[b] = Polynomial.random(t, rng);
            alpha[b] = Polynomial.random(t, rng);
            kc.addAll(k[b].feldman());
            ac.addAll(alpha[b].feldman());
        }
        Header h = new Header(MessageType.PRESIGN_DEALING, cfg.sessionId(), keys.self());
        PrivateShares.Encrypted enc = PrivateShares.encrypt(h, cfg.signers(), r -> {
            BigInteger[] v = new BigInteger[2 * batch];
            for (int b = 0; b < batch; b++) {
                v[2 * b] = k[b].evaluate(r);
                v[2 * b + 1] = alpha[b].evaluate(r);
            }
            return PrivateShares.scalars(v);
        }, keys, rng);
        for (int b = 0; b < batch; b++) {
            k[b].wipe();
            alpha[b].wipe();
        }
        return new PresignDealing(h, batch, kc, ac, enc.ephemeral(), enc.ciphertexts());
    }

    /** Decrypts own shares of every k_b and α_b; aggregate Feldman checks, per dealer only on failure. */
    public List<Complaint> receiveDealings(List<PresignDealing> all) {
        int t = cfg.group().threshold();
        Map<Integer, List<BigInteger>> shares = new TreeMap<>();
        List<Complaint> complaints = new ArrayList<>();
        for (PresignDealing d : all) {
            int dealer = d.header().sender();
            if (!cfg.signers().contains(dealer) || dealings.containsKey(dealer) || d.batch() != batch) {
                continue;
            }
            Commitments.requireSize(d.kCommitments(), batch * (t + 1));
            Commitments.requireSize(d.alphaCommitments(), batch * (t + 1));
            dealings.put(dealer, d);
            Optional<byte[]> plain = PrivateShares.decrypt(d.header(), d.ephemeral(),
                    d.ciphertexts().get(cfg.signers().position(keys.self())), keys);
            List<BigInteger> s = plain.map(ShareJudge::parse).orElse(null);
            if (s == null || s.size() != 2 * batch) {
                complaints.add(complain(d));
            } else {
                shares.put(dealer, s);
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
        boolean aggregateOk = complaints.isEmpty();
        for (int b = 0; b < batch; b++) {
            List<List<ECPoint>> kv = new ArrayList<>();
            List<List<ECPoint>> av = new ArrayList<>();
            for (PresignDealing d : dealings.values()) {
                kv.add(d.kCommitments(b));
                av.add(d.alphaCommitments(b));
            }
            kSum[b] = Points.sumVectors(kv, t + 1);
            alphaSum[b] = Points.sumVectors(av, t + 1);
            Secp256k1.CURVE.normalizeAll(kSum[b]);
            Secp256k1.CURVE.normalizeAll(alphaSum[b]);
            BigInteger ks = BigInteger.ZERO;
            BigInteger as = BigInteger.ZERO;
            for (List<BigInteger> s : shares.values()) {
                ks = Scalars.add(ks, s.get(2 * b));
                as = Scalars.add(as, s.get(2 * b + 1));
            }
            kShare[b] = ks;
            alphaShare[b] = as;
            aggregateOk = aggregateOk
                    && Secp256k1.mulG(ks).equals(Points.evaluate(List.of(kSum[b]), keys.self()))
                    && Secp256k1.mulG(as).equals(Points.evaluate(List.of(alphaSum[b]), keys.self()));
        }
        if (!aggregateOk) {
            for (Map.Entry<Integer, List<BigInteger>> e : shares.entrySet()) {
                PresignDealing d = dealings.get(e.getKey());
                if (!ShareJudge.sharesMatch(d, keys.self(), PrivateShares.scalars(e.getValue()
                        .toArray(new BigInteger[0])), null)) {
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

    /** For each b: μ_i = k_i·α_i with its proof, and Q_i = α_i·X_i with its proof. */
    public PresignProduct product() {
        Header h = new Header(MessageType.PRESIGN_PRODUCT, cfg.sessionId(), keys.self());
        ECPoint xPub = cfg.group().publicShare(keys.self());
        List<BigInteger> mus = new ArrayList<>();
        List<Dleq.Proof> muProofs = new ArrayList<>();
        List<ECPoint> qs = new ArrayList<>();
        List<Dleq.Proof> qProofs = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            BigInteger mu = Scalars.mul(kShare[b], alphaShare[b]);
            ECPoint kPub = Secp256k1.mulG(kShare[b]).normalize();
            ECPoint aPub = Secp256k1.mulG(alphaShare[b]).normalize();
            ECPoint muG = Secp256k1.mulG(mu).normalize();
            ECPoint q = xPub.multiply(alphaShare[b]).normalize();
            mus.add(mu);
            qs.add(q);
            muProofs.add(Dleq.prove(InvalidProductEvidence.proofContext(cfg.sessionId(), keys.self(), b, "mu"),
                    Secp256k1.G, kPub, aPub, muG, kShare[b], rng));
            qProofs.add(Dleq.prove(InvalidProductEvidence.proofContext(cfg.sessionId(), keys.self(), b, "q"),
                    Secp256k1.G, aPub, xPub, q, alphaShare[b], rng));
        }
        return new PresignProduct(h, mus, muProofs, qs, qProofs);
    }

    /**
     * Opens each μ from the 2t+1 product shares and derives this member's k⁻¹ shares. Product proofs are
     * checked lazily: only if a signature made with a presignature fails to verify (see SignatureCombiner),
     * which is when blame is needed; with {@code eager} they are all checked now.
     */
    public List<Presignature> finish(List<PresignProduct> products, boolean eager) {
        IndexSet signers = cfg.signers();
        Map<Integer, PresignProduct> byMember = new TreeMap<>();
        for (PresignProduct p : products) {
            if (signers.contains(p.header().sender()) && p.batch() == batch) {
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
        int need = 2 * cfg.group().threshold() + 1;
        int[] idx = signers.indices();
        BigInteger[] lambda = Lagrange.atZero(idx);
        BigInteger[] lambdaNeed = m == need ? lambda : Lagrange.atZero(Arrays.copyOf(idx, need));
        List<PresignProduct> ordered = List.copyOf(byMember.values());
        List<Presignature> out = new ArrayList<>();
        List<Integer> culprits = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            BigInteger[] mus = new BigInteger[m];
            BigInteger mu = BigInteger.ZERO;
            for (int i = 0; i < m; i++) {
                mus[i] = ordered.get(i).mu().get(b);
                if (i < need) {
                    mu = Scalars.add(mu, Scalars.mul(lambdaNeed[i], mus[i]));
                }
            }
            boolean overdeterminedOk = Lagrange.consistent(idx, mus, need);
            byte[] id = Hashing.hash("SYNOD/presignature-id/v1", cfg.sessionId(), Hashing.u16(b),
                    Secp256k1.encode(kSum[b][0]));
            PresignaturePublic pub = new PresignaturePublic(id, signers, mu, List.of(kSum[b]), List.of(alphaSum[b]),
                    ordered, b, Arrays.asList(lambda));
            if (eager || mu.signum() == 0 || !overdeterminedOk) {
                List<Integer> bad = pub.invalidProducts(cfg.group());
                if (!bad.isEmpty() || mu.signum() == 0) {
                    for (int who : bad) {
                        invalidProducts.add(byMember.get(who));
                        invalidSlots.add(b);
                        if (!culprits.contains(who)) {
                            culprits.add(who);
                        }
                    }
                    continue;
                }
            }
            out.add(new Presignature(pub, keys.self(), Scalars.mul(alphaShare[b], Scalars.inv(mu))));
        }
        Arrays.fill(kShare, BigInteger.ZERO);
        Arrays.fill(alphaShare, BigInteger.ZERO);
        if (!culprits.isEmpty() || out.size() != batch) {
            out.forEach(Presignature::consume);
            throw new ProtocolAbort("invalid product share", culprits);
        }
        return out;
    }

    /** K_i from the summed k-commitments of presignature b. */
    public ECPoint kPublic(int b, int member) {
        return Points.evaluate(List.of(kSum[b]), member);
    }

    /** A_i from the summed α-commitments of presignature b. */
    public ECPoint alphaPublic(int b, int member) {
        return Points.evaluate(List.of(alphaSum[b]), member);
    }

    /** Product messages found invalid by {@link #finish}, with {@link #invalidSlots()} at the same positions. */
    public List<PresignProduct> invalidProducts() {
        return List.copyOf(invalidProducts);
    }

    public List<Integer> invalidSlots() {
        return List.copyOf(invalidSlots);
    }

    @Override
    public String toString() {
        return "PresignMember[" + keys.self() + ", secrets redacted]";
    }
}
