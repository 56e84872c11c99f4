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
import io.synod.threshold.message.Header;
import io.synod.threshold.message.MessageType;
import io.synod.threshold.sharing.Commitments;
import io.synod.threshold.sharing.IndexSet;
import io.synod.threshold.sharing.PrivateShares;

/**
 * One member's side of key generation. Drive it round by round with what the broadcast log delivered:
 * {@link #deal()} → {@link #receiveDealings} (own complaints) → {@link #qualify} (judges all complaints, returns
 * own Feldman message if qualified) → {@link #finish} (the key share, or {@link ProtocolAbort} with complaints).
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
    private IndexSet qualified;
    private boolean dealt;

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
     * Round 4: check Feldman commitments of the qualified dealers against the Pedersen-checked shares (aggregate
     * first, per dealer on failure). Success: the key share and the group key. Failure: {@link #feldmanComplaints}
     * holds this member's complaints (to post) and a {@link ProtocolAbort} names the dealers.
     */
    public KeyShare finish(List<DkgFeldman> feldmans) {
        Map<Integer, DkgFeldman> byDealer = new TreeMap<>();
        for (DkgFeldman m : feldmans) {
            if (qualified.contains(m.header().sender())) {
                Commitments.requireLength(m.commitments(), cfg.t());
                byDealer.putIfAbsent(m.header().sender(), m);
            }
        }
        List<Integer> missing = new ArrayList<>();
        for (int d : qualified.indices()) {
            if (!byDealer.containsKey(d)) {
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
            vs.add(byDealer.get(d).commitments());
        }
        List<ECPoint> sum = List.of(Points.sumVectors(vs, cfg.t() + 1));
        if (!Secp256k1.mulG(x).equals(Points.evaluate(sum, keys.self()))) {
            List<Integer> culprits = new ArrayList<>();
            for (int d : qualified.indices()) {
                if (!Commitments.checkFeldman(byDealer.get(d).commitments(), keys.self(), received.get(d)[0])) {
                    culprits.add(d);
                    feldmanComplaints.add(complain(MessageType.DKG_FELDMAN_COMPLAINT, dealings.get(d)));
                }
            }
            throw new ProtocolAbort("Feldman commitments contradict Pedersen-checked shares", culprits);
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
