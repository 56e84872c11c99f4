package io.synod.threshold.dkg;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.evidence.ShareJudge;
import io.synod.threshold.math.Points;
import io.synod.threshold.math.Polynomial;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.Complaint;
import io.synod.threshold.message.DkgDealing;
import io.synod.threshold.message.DkgFeldman;
import io.synod.threshold.message.DkgReveal;
import io.synod.threshold.message.Header;
import io.synod.threshold.message.MessageType;
import io.synod.threshold.sharing.Commitments;
import io.synod.threshold.sharing.IndexSet;
import io.synod.threshold.sharing.PrivateShares;

/**
 * One member's side of key generation. Drive it round by round with what the broadcast log delivered:
 * {@link #deal()} → {@link #receiveDealings} (own complaints) → {@link #qualify} (judges all complaints, returns
 * own Feldman message if qualified) → {@link #checkFeldman} (own Feldman complaints, usually none) →
 * {@link #resolveFeldman} (judges them; own reveal of convicted dealers' shares, if any) → {@link #finish}.
 * Messages passed in must already be decoded and signature-checked (see {@code BroadcastLog}).
 */
public final class DkgMember {
    private final DkgConfig cfg;
    private final Keys keys;
    private final SecureRandom rng;
    private Polynomial f;
    private Polynomial blind;
    private final Map<Integer, DkgDealing> dealings = new TreeMap<>();
    private final Map<Integer, BigInteger[]> received = new TreeMap<>();
    private final List<Complaint> feldmanComplaints = new ArrayList<>();
    private final TreeSet<Integer> unfounded = new TreeSet<>();
    private final Map<Integer, DkgFeldman> feldmanByDealer = new TreeMap<>();
    private List<Integer> reconstructed = List.of();
    private IndexSet qualified;
    private boolean dealt;
    /** Σ of the qualified dealers' Feldman vectors once this member's share matched it (reused by finish). */
    private List<ECPoint> checkedFeldmanSum;

    public DkgMember(DkgConfig cfg, Keys keys, SecureRandom rng) {
        if (!cfg.members().contains(keys.self())) {
            throw new io.synod.threshold.ThresholdException("member " + keys.self() + " is not in the session");
        }
        this.cfg = cfg;
        this.keys = keys;
        this.rng = rng;
    }

    public int self() {
        return keys.self();
    }

    /** Round 1: deal f (the contribution) with blinding f', Pedersen commitments, encrypted shares. */
    public DkgDealing deal() {
        if (dealt) {
            throw new IllegalStateException("already dealt");
        }
        dealt = true;
        f = Polynomial.random(cfg.t(), rng);
        blind = Polynomial.random(cfg.t(), rng);
        Header h = new Header(MessageType.DKG_DEALING, cfg.sessionId(), keys.self());
        PrivateShares.Encrypted enc = PrivateShares.encrypt(h, cfg.members(),
                r -> PrivateShares.scalars(f.evaluate(r), blind.evaluate(r)), keys, rng);
        List<ECPoint> commitments = f.pedersen(blind);
        blind.wipe();
        return new DkgDealing(h, commitments, enc.ephemeral(), enc.ciphertexts());
    }

    /**
     * Round 2: decrypt own shares, check all dealers at once (aggregate Pedersen check), and only on failure
     * check dealer by dealer to find whom to accuse. Absent dealers are simply not qualified.
     */
    public List<Complaint> receiveDealings(List<DkgDealing> all) {
        List<Complaint> complaints = new ArrayList<>();
        List<Integer> decodable = new ArrayList<>();
        for (DkgDealing d : all) {
            int dealer = d.header().sender();
            if (dealings.containsKey(dealer) || !cfg.members().contains(dealer)) {
                continue;
            }
            Commitments.requireLength(d.pedersen(), cfg.t());
            dealings.put(dealer, d);
            byte[] ct = d.ciphertexts().get(cfg.members().position(keys.self()));
            Optional<byte[]> plain = PrivateShares.decrypt(d.header(), d.ephemeral(), ct, keys);
            List<BigInteger> s = plain.map(ShareJudge::parse).orElse(null);
            if (s == null) {
                complaints.add(complain(MessageType.DKG_COMPLAINT, d));
            } else {
                received.put(dealer, new BigInteger[] {s.get(0), s.get(1)});
                decodable.add(dealer);
            }
        }
        if (!aggregatePedersenHolds(decodable)) {
            for (int dealer : decodable) {
                BigInteger[] s = received.get(dealer);
                if (!Commitments.checkPedersen(dealings.get(dealer).pedersen(), keys.self(), s[0], s[1])) {
                    complaints.add(complain(MessageType.DKG_COMPLAINT, dealings.get(dealer)));
                }
            }
        }
        return complaints;
    }

    private boolean aggregatePedersenHolds(List<Integer> dealers) {
        if (dealers.isEmpty()) {
            return true;
        }
        BigInteger a = BigInteger.ZERO;
        BigInteger b = BigInteger.ZERO;
        List<List<ECPoint>> vs = new ArrayList<>();
        for (int d : dealers) {
            a = Scalars.add(a, received.get(d)[0]);
            b = Scalars.add(b, received.get(d)[1]);
            vs.add(dealings.get(d).pedersen());
        }
        ECPoint[] sum = Points.sumVectors(vs, cfg.t() + 1);
        return Secp256k1.pedersen(a, b).equals(Points.evaluate(List.of(sum), keys.self()));
    }

    private Complaint complain(MessageType type, DkgDealing d) {
        return PrivateShares.complain(type, cfg.sessionId(), keys, d.header().sender(), d.ephemeral(), rng);
    }

    /**
     * Round 3: judge every complaint from public data (dealer guilty → disqualified; complaint unfounded →
     * ignored, the complainer is reported by {@link #unfoundedComplainers}); QUAL = dealers present and not
     * disqualified. Returns this member's Feldman commitments if it is qualified.
     */
    public Optional<DkgFeldman> qualify(List<Complaint> complaints) {
        TreeSet<Integer> qual = new TreeSet<>(dealings.keySet());
        for (Complaint c : complaints) {
            DkgDealing d = dealings.get(c.accused());
            if (d != null && ShareJudge.dealerIsGuilty(d, cfg.members(), c,
                    keys.encryptionKey(c.header().sender()), null)) {
                qual.remove(c.accused());
            } else {
                unfounded.add(c.header().sender());
            }
        }
        if (qual.size() < cfg.t() + 1) {
            throw new ProtocolAbort("fewer than t+1 qualified dealers", List.copyOf(disqualified(qual)));
        }
        qualified = new IndexSet(qual.stream().mapToInt(Integer::intValue).toArray());
        if (!qual.contains(keys.self())) {
            f.wipe();
            return Optional.empty();
        }
        return Optional.of(new DkgFeldman(new Header(MessageType.DKG_FELDMAN, cfg.sessionId(), keys.self()),
                f.feldman()));
    }

    /** Members whose complaints convicted nobody (reported to the application; they accused an honest dealer). */
    public List<Integer> unfoundedComplainers() {
        return List.copyOf(unfounded);
    }

    public IndexSet qualifiedSet() {
        return qualified;
    }

    private List<Integer> disqualified(TreeSet<Integer> qual) {
        List<Integer> out = new ArrayList<>();
        for (int m : cfg.members().indices()) {
            if (!qual.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Round 4: check the qualified dealers' Feldman commitments against the Pedersen-checked shares (aggregate
     * first, per dealer on failure). Returns this member's Feldman complaints (to post; usually none).
     */
    public List<Complaint> checkFeldman(List<DkgFeldman> feldmans) {
        for (DkgFeldman m : feldmans) {
            if (qualified.contains(m.header().sender())) {
                Commitments.requireLength(m.commitments(), cfg.t());
                feldmanByDealer.putIfAbsent(m.header().sender(), m);
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int d : qualified.indices()) {
            if (!feldmanByDealer.containsKey(d)) {
                missing.add(d);
            }
        }
        if (!missing.isEmpty()) {
            throw new ProtocolAbort("qualified dealers withheld Feldman commitments", missing);
        }
        BigInteger x = BigInteger.ZERO;
        List<List<ECPoint>> vs = new ArrayList<>();
        for (int d : qualified.indices()) {
            x = Scalars.add(x, received.get(d)[0]);
            vs.add(feldmanByDealer.get(d).commitments());
        }
        List<ECPoint> sum = List.of(Points.sumVectors(vs, cfg.t() + 1));
        if (Secp256k1.mulG(x).equals(Points.evaluate(sum, keys.self()))) {
            checkedFeldmanSum = sum;
        } else {
            for (int d : qualified.indices()) {
                if (!Commitments.checkFeldman(feldmanByDealer.get(d).commitments(), keys.self(), received.get(d)[0])) {
                    feldmanComplaints.add(complain(MessageType.DKG_FELDMAN_COMPLAINT, dealings.get(d)));
                }
            }
        }
        return List.copyOf(feldmanComplaints);
    }

    /**
     * Round 5 (only after Feldman complaints): judges them from public data; each dealer proven to have published
     * Feldman commitments that contradict its Pedersen-checked shares is reconstructed in public (GJKR), so its
     * contribution stays in the key. Returns this member's reveal of those dealers' shares, if any are convicted.
     */
    public Optional<DkgReveal> resolveFeldman(List<Complaint> complaints) {
        java.util.TreeSet<Integer> convicted = new java.util.TreeSet<>();
        for (Complaint c : complaints) {
            int d = c.accused();
            if (qualified.contains(d) && feldmanByDealer.containsKey(d) && ShareJudge.dealerIsGuilty(dealings.get(d),
                    cfg.members(), c, keys.encryptionKey(c.header().sender()), feldmanByDealer.get(d))) {
                convicted.add(d);
            } else {
                unfounded.add(c.header().sender());
            }
        }
        reconstructed = List.copyOf(convicted);
        if (convicted.isEmpty()) {
            return Optional.empty();
        }
        List<BigInteger> f = new ArrayList<>();
        List<BigInteger> b = new ArrayList<>();
        for (int d : convicted) {
            f.add(received.get(d)[0]);
            b.add(received.get(d)[1]);
        }
        return Optional.of(new DkgReveal(new Header(MessageType.DKG_REVEAL, cfg.sessionId(), keys.self()),
                reconstructed, f, b));
    }

    /** Dealers whose polynomials were reconstructed in public (empty on the honest path). */
    public List<Integer> reconstructedDealers() {
        return reconstructed;
    }

    /**
     * Final step: for each convicted dealer, the revealed shares that pass its Pedersen check (at least t+1)
     * give its polynomial and hence correct Feldman commitments; then the key share and the group key.
     */
    public KeyShare finish(List<DkgReveal> reveals) {
        Map<Integer, ECPoint[]> fixedCommitments = new TreeMap<>();
        for (int d : reconstructed) {
            List<Integer> xs = new ArrayList<>();
            List<BigInteger> ys = new ArrayList<>();
            for (DkgReveal r : reveals) {
                int i = r.header().sender();
                int pos = r.dealers().indexOf(d);
                if (pos < 0 || xs.contains(i) || xs.size() == cfg.t() + 1) {
                    continue;
                }
                if (Commitments.checkPedersen(dealings.get(d).pedersen(), i, r.shares().get(pos),
                        r.blindings().get(pos))) {
                    xs.add(i);
                    ys.add(r.shares().get(pos));
                }
            }
            if (xs.size() < cfg.t() + 1) {
                throw new ProtocolAbort("fewer than t+1 valid reveals to reconstruct a convicted dealer", List.of(d));
            }
            BigInteger[] coef = io.synod.threshold.math.Lagrange.coefficients(
                    xs.stream().mapToInt(Integer::intValue).toArray(), ys.toArray(new BigInteger[0]));
            ECPoint[] c = new ECPoint[coef.length];
            for (int k = 0; k < coef.length; k++) {
                c[k] = Secp256k1.mulG(coef[k]);
            }
            Secp256k1.CURVE.normalizeAll(c);
            fixedCommitments.put(d, c);
        }
        BigInteger x = BigInteger.ZERO;
        List<List<ECPoint>> vs = new ArrayList<>();
        for (int d : qualified.indices()) {
            x = Scalars.add(x, received.get(d)[0]);
            vs.add(fixedCommitments.containsKey(d) ? List.of(fixedCommitments.get(d))
                    : feldmanByDealer.get(d).commitments());
        }
        // Nothing reconstructed and the share already matched the same sum in round 4: no need to redo 3,400
        // additions and the check at n=100.
        boolean unchanged = reconstructed.isEmpty() && checkedFeldmanSum != null;
        List<ECPoint> sum = unchanged ? checkedFeldmanSum : List.of(Points.sumVectors(vs, cfg.t() + 1));
        if (!unchanged && !Secp256k1.mulG(x).equals(Points.evaluate(sum, keys.self()))) {
            throw new ProtocolAbort("own share contradicts the group commitments after reconstruction",
                    List.copyOf(reconstructed));
        }
        if (f != null) {
            f.wipe();
        }
        received.clear();
        return new KeyShare(keys.self(), x, new GroupKey(cfg.t(), cfg.members(), sum, BigInteger.ZERO));
    }

    public List<Complaint> feldmanComplaints() {
        return List.copyOf(feldmanComplaints);
    }

    @Override
    public String toString() {
        return "DkgMember[" + keys.self() + ", secrets redacted]";
    }
}
