package io.synod.threshold.inprocess;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.dkg.DkgConfig;
import io.synod.threshold.dkg.DkgMember;
import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.dkg.Keys;
import io.synod.threshold.dkg.ProtocolAbort;
import io.synod.threshold.evidence.EquivocationEvidence;
import io.synod.threshold.evidence.Evidence;
import io.synod.threshold.evidence.InvalidPartialEvidence;
import io.synod.threshold.evidence.InvalidProductEvidence;
import io.synod.threshold.evidence.InvalidShareEvidence;
import io.synod.threshold.evidence.WrongConstantEvidence;
import io.synod.threshold.evidence.MalformedMessageEvidence;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.SecretScalar;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.BroadcastLog;
import io.synod.threshold.message.Codec;
import io.synod.threshold.message.Complaint;
import io.synod.threshold.message.DecodeException;
import io.synod.threshold.message.DkgDealing;
import io.synod.threshold.message.DkgFeldman;
import io.synod.threshold.message.DkgReveal;
import io.synod.threshold.message.PartialSignatureMessage;
import io.synod.threshold.message.PresignDealing;
import io.synod.threshold.message.PresignProduct;
import io.synod.threshold.message.ReshareDealing;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.message.SignedEnvelope;
import io.synod.threshold.message.ThresholdMessage;
import io.synod.threshold.presign.PresignConfig;
import io.synod.threshold.presign.PresignMember;
import io.synod.threshold.presign.Presignature;
import io.synod.threshold.presign.PresignaturePublic;
import io.synod.threshold.reshare.ReshareConfig;
import io.synod.threshold.reshare.ReshareDealer;
import io.synod.threshold.reshare.ReshareReceiver;
import io.synod.threshold.sharing.IndexSet;
import io.synod.threshold.sign.OnlineSigner;
import io.synod.threshold.sign.SignatureCombiner;

/**
 * All members of a group in one JVM. Every message goes: member → (interceptor) → identity signature →
 * {@link BroadcastLog} (strict decode, signature check, equivocation check) → every member. Each member object
 * only sees its own secrets and the public log.
 */
public final class InProcessGroup {
    private final IndexSet universe;
    private final Map<Integer, Keys> keys = new TreeMap<>();
    private final Identities identities;
    private final SecureRandom rng;
    private final BroadcastLog log;
    private final Map<Integer, MessageInterceptor> interceptors = new HashMap<>();
    private StepObserver observer = StepObserver.DIRECT;
    // Public transcript kept for evidence: the session context and signed product messages of a presignature.
    private record Transcript(SessionContext context, Map<Integer, SignedEnvelope> products) {
    }

    private final Map<PresignaturePublic, Transcript> transcripts = new java.util.WeakHashMap<>();

    public InProcessGroup(IndexSet universe, Identities identities, SecureRandom rng) {
        this.universe = universe;
        this.identities = identities;
        this.rng = rng;
        this.log = new BroadcastLog(identities.verifier());
        Map<Integer, ECPoint> pubs = new TreeMap<>();
        Map<Integer, BigInteger> secs = new TreeMap<>();
        for (int m : universe.indices()) {
            BigInteger y = Scalars.random(rng);
            secs.put(m, y);
            pubs.put(m, Secp256k1.mulG(y).normalize());
        }
        for (int m : universe.indices()) {
            keys.put(m, new Keys(m, new SecretScalar(secs.get(m)), pubs));
        }
    }

    public static InProcessGroup of(int n, SecureRandom rng) {
        IndexSet u = IndexSet.range(n);
        List<Integer> ms = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ms.add(i);
        }
        return new InProcessGroup(u, new EcdsaIdentities(ms, rng), rng);
    }

    public InProcessGroup observer(StepObserver o) {
        this.observer = o;
        return this;
    }

    public InProcessGroup intercept(int member, MessageInterceptor i) {
        interceptors.put(member, i);
        return this;
    }

    public void clearInterceptors() {
        interceptors.clear();
    }

    public Keys keys(int member) {
        return keys.get(member);
    }

    public Identities identities() {
        return identities;
    }

    public BroadcastLog log() {
        return log;
    }

    public static byte[] sessionId(String purpose, long counter) {
        return Hashing.hash("SYNOD/session/v1", Secp256k1.utf8(purpose), BigInteger.valueOf(counter).toByteArray());
    }

    /** A posted envelope and the message the log decoded from it (decoded once, by the log). */
    private record Sent(SignedEnvelope envelope, ThresholdMessage message) {
    }

    /** Posts one member's message, records its envelope under the sender, returns the message as the log decoded it. */
    @SuppressWarnings("unchecked")
    private <T extends ThresholdMessage> T post(T m, SessionContext ctx, List<Evidence> evidence,
            Map<Integer, SignedEnvelope> envelopes) {
        Sent sent = send(m, ctx, evidence);
        envelopes.put(m.header().sender(), sent.envelope());
        return (T) sent.message();
    }

    /** Posts a member's complaints, keeping each as decoded together with its envelope (evidence needs both). */
    private void postComplaints(List<Complaint> raised, SessionContext ctx, List<Evidence> evidence, List<Complaint> into,
            Map<Complaint, SignedEnvelope> envelopes) {
        for (Complaint c : raised) {
            Sent sent = send(c, ctx, evidence);
            Complaint posted = (Complaint) sent.message();
            into.add(posted);
            envelopes.put(posted, sent.envelope());
        }
    }

    /** Signs and posts; the log decodes strictly and checks the signature. Equivocation evidence is collected. */
    private Sent send(ThresholdMessage m, SessionContext ctx, List<Evidence> evidence) {
        int sender = m.header().sender();
        ThresholdMessage out = interceptors.getOrDefault(sender, x -> x).intercept(m);
        SignedEnvelope e = SignedEnvelope.sign(out, identities.signer(sender));
        try {
            BroadcastLog.Posted p = log.submit(e, ctx);
            p.equivocation().ifPresent(evidence::add);
            return new Sent(e, p.message());
        } catch (DecodeException ex) {
            MalformedMessageEvidence proof = new MalformedMessageEvidence(e, ctx);
            throw new GroupAbort("member " + sender + " posted a message the log rejects: " + ex.reason(),
                    List.of(sender), proof.verify(identities.verifier()) ? List.of(proof) : List.of());
        }
    }

    // ------------------------------------------------------------------------------------------------ DKG

    public record DkgResult(GroupKey group, Map<Integer, KeyShare> shares, IndexSet qualified,
            List<Integer> reconstructed, List<Integer> unfoundedComplainers, List<Evidence> evidence) {
    }

    public DkgResult dkg(byte[] sessionId, IndexSet members, int t) {
        DkgConfig cfg = new DkgConfig(sessionId, members, t);
        SessionContext ctx = cfg.context();
        List<Evidence> evidence = new ArrayList<>();
        Map<Integer, DkgMember> ms = new LinkedHashMap<>();
        for (int m : members.indices()) {
            ms.put(m, new DkgMember(cfg, keys.get(m), rng));
        }
        Map<Integer, SignedEnvelope> dealEnv = new TreeMap<>();
        List<DkgDealing> dealings = new ArrayList<>();
        for (DkgMember m : ms.values()) {
            DkgDealing[] d = new DkgDealing[1];
            observer.run("dkg", m.self(), () -> d[0] = m.deal());
            dealings.add(post(d[0], ctx, evidence, dealEnv));
        }
        List<Complaint> complaints = new ArrayList<>();
        Map<Complaint, SignedEnvelope> complaintEnv = new HashMap<>();
        for (DkgMember m : ms.values()) {
            List<Complaint>[] c = new List[1];
            observer.run("dkg", m.self(), () -> c[0] = m.receiveDealings(dealings));
            postComplaints(c[0], ctx, evidence, complaints, complaintEnv);
        }
        List<DkgFeldman> feldmans = new ArrayList<>();
        Map<Integer, SignedEnvelope> feldEnv = new TreeMap<>();
        for (DkgMember m : ms.values()) {
            Optional<DkgFeldman>[] f = new Optional[1];
            observer.run("dkg", m.self(), () -> f[0] = m.qualify(complaints));
            if (f[0].isPresent()) {
                feldmans.add(post(f[0].get(), ctx, evidence, feldEnv));
            }
        }
        DkgMember any = ms.values().iterator().next();
        for (Complaint c : complaints) {
            SignedEnvelope de = dealEnv.get(c.accused());
            if (de != null && !any.qualifiedSet().contains(c.accused())) {
                evidence.add(new InvalidShareEvidence(de, ctx, complaintEnv.get(c), ctx,
                        keys.get(c.header().sender()).encryptionKey(c.header().sender()), null));
            }
        }
        List<Complaint> feldmanComplaints = new ArrayList<>();
        Map<Complaint, SignedEnvelope> feldmanComplaintEnv = new HashMap<>();
        for (DkgMember m : ms.values()) {
            List<Complaint>[] c = new List[1];
            observer.run("dkg", m.self(), () -> c[0] = m.checkFeldman(feldmans));
            postComplaints(c[0], ctx, evidence, feldmanComplaints, feldmanComplaintEnv);
        }
        List<DkgReveal> reveals = new ArrayList<>();
        if (!feldmanComplaints.isEmpty()) {
            for (DkgMember m : ms.values()) {
                Optional<DkgReveal>[] r = new Optional[1];
                observer.run("dkg", m.self(), () -> r[0] = m.resolveFeldman(feldmanComplaints));
                r[0].ifPresent(x -> reveals.add((DkgReveal) send(x, ctx, evidence).message()));
            }
            for (Complaint c : feldmanComplaints) {
                if (any.reconstructedDealers().contains(c.accused())) {
                    evidence.add(new InvalidShareEvidence(dealEnv.get(c.accused()), ctx, feldmanComplaintEnv.get(c),
                            ctx, keys.get(c.header().sender()).encryptionKey(c.header().sender()),
                            feldEnv.get(c.accused())));
                }
            }
        }
        Map<Integer, KeyShare> shares = new TreeMap<>();
        for (DkgMember m : ms.values()) {
            KeyShare[] s = new KeyShare[1];
            observer.run("dkg", m.self(), () -> s[0] = m.finish(reveals));
            shares.put(m.self(), s[0]);
        }
        GroupKey g = shares.values().iterator().next().group();
        for (KeyShare s : shares.values()) {
            if (!s.group().baseKey().equals(g.baseKey())) {
                throw new IllegalStateException("members disagree on the group key");
            }
        }
        return new DkgResult(g, shares, any.qualifiedSet(), any.reconstructedDealers(), any.unfoundedComplainers(),
                evidence);
    }

    // ------------------------------------------------------------------------------------------- presign

    /** Runs one presignature session (batch of one) among the signers; returns each signer's presignature. */
    public Map<Integer, Presignature> presign(byte[] sessionId, IndexSet signers, Map<Integer, KeyShare> shares) {
        return presign(sessionId, signers, shares, false);
    }

    /** With {@code eager}, product proofs are checked during presigning instead of only on signing failure. */
    public Map<Integer, Presignature> presign(byte[] sessionId, IndexSet signers, Map<Integer, KeyShare> shares,
            boolean eager) {
        return presignBatch(sessionId, signers, shares, 1, eager).get(0);
    }

    /**
     * One presignature session that makes {@code batch} presignatures (one ECDH per signer pair for the whole
     * batch). Element b of the result maps each signer to its share of presignature b.
     */
    public List<Map<Integer, Presignature>> presignBatch(byte[] sessionId, IndexSet signers,
            Map<Integer, KeyShare> shares, int batch, boolean eager) {
        GroupKey g = shares.get(signers.get(0)).group();
        PresignConfig cfg = new PresignConfig(sessionId, signers, g, batch);
        SessionContext ctx = cfg.context();
        List<Evidence> evidence = new ArrayList<>();
        Map<Integer, PresignMember> ms = new LinkedHashMap<>();
        for (int s : signers.indices()) {
            ms.put(s, new PresignMember(cfg, shares.get(s), keys.get(s), rng));
        }
        Map<Integer, SignedEnvelope> dealEnv = new TreeMap<>();
        List<PresignDealing> dealings = new ArrayList<>();
        for (Map.Entry<Integer, PresignMember> m : ms.entrySet()) {
            PresignDealing[] d = new PresignDealing[1];
            observer.run("presign", m.getKey(), () -> d[0] = m.getValue().deal());
            dealings.add(post(d[0], ctx, evidence, dealEnv));
        }
        List<Complaint> complaints = new ArrayList<>();
        Map<Complaint, SignedEnvelope> complaintEnv = new HashMap<>();
        for (Map.Entry<Integer, PresignMember> m : ms.entrySet()) {
            List<Complaint>[] c = new List[1];
            observer.run("presign", m.getKey(), () -> c[0] = m.getValue().receiveDealings(dealings));
            postComplaints(c[0], ctx, evidence, complaints, complaintEnv);
        }
        if (!complaints.isEmpty()) {
            TreeSet<Integer> culprits = new TreeSet<>();
            for (Map.Entry<Integer, PresignMember> m : ms.entrySet()) {
                try {
                    m.getValue().judge(complaints);
                } catch (ProtocolAbort a) {
                    culprits.addAll(a.culprits());
                }
            }
            for (Complaint c : complaints) {
                if (culprits.contains(c.accused())) {
                    evidence.add(new InvalidShareEvidence(dealEnv.get(c.accused()), ctx, complaintEnv.get(c), ctx,
                            keys.get(c.header().sender()).encryptionKey(c.header().sender()), null));
                }
            }
            throw new GroupAbort("presignature dealing rejected", List.copyOf(culprits), evidence);
        }
        Map<Integer, SignedEnvelope> prodEnv = new TreeMap<>();
        List<PresignProduct> products = new ArrayList<>();
        for (Map.Entry<Integer, PresignMember> m : ms.entrySet()) {
            PresignProduct[] p = new PresignProduct[1];
            observer.run("presign", m.getKey(), () -> p[0] = m.getValue().product());
            products.add(post(p[0], ctx, evidence, prodEnv));
        }
        Map<Integer, List<Presignature>> bySigner = new TreeMap<>();
        TreeSet<Integer> culprits = new TreeSet<>();
        for (Map.Entry<Integer, PresignMember> m : ms.entrySet()) {
            try {
                List<Presignature>[] p = new List[1];
                observer.run("presign", m.getKey(), () -> p[0] = m.getValue().finish(products, eager));
                bySigner.put(m.getKey(), p[0]);
            } catch (ProtocolAbort a) {
                culprits.addAll(a.culprits());
                if (evidence.isEmpty()) {
                    List<PresignProduct> bad = m.getValue().invalidProducts();
                    List<Integer> slots = m.getValue().invalidSlots();
                    for (int i = 0; i < bad.size(); i++) {
                        int who = bad.get(i).header().sender();
                        int b = slots.get(i);
                        evidence.add(new InvalidProductEvidence(prodEnv.get(who), ctx, b,
                                m.getValue().kPublic(b, who), m.getValue().alphaPublic(b, who), g.publicShare(who)));
                    }
                }
            }
        }
        if (!culprits.isEmpty()) {
            throw new GroupAbort("product shares rejected", List.copyOf(culprits), evidence);
        }
        List<Map<Integer, Presignature>> out = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            Map<Integer, Presignature> one = new TreeMap<>();
            for (Map.Entry<Integer, List<Presignature>> e : bySigner.entrySet()) {
                one.put(e.getKey(), e.getValue().get(b));
            }
            PresignaturePublic pub = one.values().iterator().next().publicPart();
            transcripts.put(pub, new Transcript(ctx, prodEnv));
            out.add(one);
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- sign

    public record SignResult(io.synod.threshold.sign.EcdsaSignature signature, List<Integer> badSigners,
            List<Evidence> evidence) {
    }

    /**
     * Online signing by the given signers (a subset of the presignature's signer set, usually all 2t+1) for the
     * digest, with the key shares optionally tweaked by delta. Each signer consumes its presignature first.
     */
    public SignResult sign(byte[] sessionId, Map<Integer, Presignature> presigs, Map<Integer, KeyShare> shares,
            IndexSet signers, byte[] digest, BigInteger delta) {
        Presignature first = presigs.get(signers.get(0));
        var pub = first.publicPart();
        SessionContext ctx = new SessionContext(sessionId, 0, pub.signers(), pub.signers());
        List<Evidence> evidence = new ArrayList<>();
        List<PartialSignatureMessage> partials = new ArrayList<>();
        Map<Integer, SignedEnvelope> env = new TreeMap<>();
        for (int s : signers.indices()) {
            KeyShare ks = shares.get(s).tweaked(delta);
            PartialSignatureMessage[] p = new PartialSignatureMessage[1];
            observer.run("sign", s, () -> p[0] = OnlineSigner.partial(sessionId, presigs.get(s), ks, digest));
            partials.add(post(p[0], ctx, evidence, env));
        }
        GroupKey g = shares.get(signers.get(0)).group().tweaked(delta);
        SignatureCombiner.Result[] r = new SignatureCombiner.Result[1];
        try {
            observer.run("combine", 0, () -> r[0] = SignatureCombiner.combine(pub, g, digest, partials));
        } catch (io.synod.threshold.sign.SigningAbort a) {
            for (int bad : a.culprits()) {
                if (a.productShares()) {
                    Transcript tr = transcripts.get(pub);
                    evidence.add(new InvalidProductEvidence(tr.products().get(bad), tr.context(), pub.slot(),
                            pub.kPublic(bad), pub.alphaPublic(bad), g.publicShare(bad)));
                    continue;
                }
                evidence.add(new InvalidPartialEvidence(env.get(bad), ctx, pub, digest, g.tweak(), g.publicKey()));
            }
            throw new GroupAbort(a.getMessage(), a.culprits(), evidence);
        }
        for (int bad : r[0].badSigners()) {
            evidence.add(new InvalidPartialEvidence(env.get(bad), ctx, pub, digest, g.tweak(), g.publicKey()));
        }
        return new SignResult(r[0].signature(), r[0].badSigners(), evidence);
    }

    // ------------------------------------------------------------------------------------------- reshare

    public record ReshareResult(GroupKey group, Map<Integer, KeyShare> shares, List<Integer> excluded,
            List<Evidence> evidence) {
    }

    public ReshareResult reshare(ReshareConfig cfg, Map<Integer, KeyShare> oldShares) {
        SessionContext dctx = cfg.dealingContext();
        SessionContext cctx = cfg.complaintContext();
        List<Evidence> evidence = new ArrayList<>();
        List<ReshareDealing> dealings = new ArrayList<>();
        Map<Integer, SignedEnvelope> dealEnv = new TreeMap<>();
        for (int d : cfg.dealers().indices()) {
            ReshareDealing[] x = new ReshareDealing[1];
            observer.run("reshare", d, () -> x[0] = ReshareDealer.deal(cfg, oldShares.get(d), keys.get(d), rng));
            dealings.add(post(x[0], dctx, evidence, dealEnv));
        }
        Map<Integer, ReshareReceiver> rs = new LinkedHashMap<>();
        List<Complaint> complaints = new ArrayList<>();
        Map<Complaint, SignedEnvelope> complaintEnv = new HashMap<>();
        for (int m : cfg.newMembers().indices()) {
            ReshareReceiver r = new ReshareReceiver(cfg, keys.get(m), rng);
            rs.put(m, r);
            List<Complaint>[] c = new List[1];
            observer.run("reshare", m, () -> c[0] = r.receiveDealings(dealings));
            postComplaints(c[0], cctx, evidence, complaints, complaintEnv);
        }
        Map<Integer, KeyShare> out = new TreeMap<>();
        List<Integer> excluded = rs.values().iterator().next().excludedDealers(complaints);
        for (ReshareDealing d : dealings) {
            int dealer = d.header().sender();
            if (!d.commitments().get(0).equals(cfg.oldGroup().publicShare(dealer))) {
                evidence.add(new WrongConstantEvidence(dealEnv.get(dealer), dctx, cfg.oldGroup().publicShare(dealer)));
            }
        }
        for (Complaint c : complaints) {
            if (excluded.contains(c.accused())) {
                evidence.add(new InvalidShareEvidence(dealEnv.get(c.accused()), dctx, complaintEnv.get(c), cctx,
                        keys.get(c.header().sender()).encryptionKey(c.header().sender()), null));
            }
        }
        for (Map.Entry<Integer, ReshareReceiver> r : rs.entrySet()) {
            KeyShare[] s = new KeyShare[1];
            observer.run("reshare", r.getKey(), () -> s[0] = r.getValue().finish(complaints));
            out.put(r.getKey(), s[0]);
        }
        return new ReshareResult(out.values().iterator().next().group(), out, excluded, evidence);
    }
}
