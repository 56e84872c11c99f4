package io.synod.coordination.infrastructure.memory;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.ApprovalQuorum;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.evidence.Evidence;
import io.synod.threshold.inprocess.GroupAbort;
import io.synod.threshold.inprocess.InProcessGroup;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.PartialSignatureMessage;
import io.synod.threshold.presign.Presignature;
import io.synod.threshold.sharing.IndexSet;

/**
 * {@link GroupSigning} by n members in one JVM, for tests of the layers above (peg, membership). Each member has
 * its own key share (from the threshold core's in-process DKG) and its own {@link ActionVerifiers}; every member
 * decodes and approves each action independently, a target needs the epoch's {@link ApprovalQuorum} of approvals
 * for the action's kind, and only the members that approved the identical {@link SigningTarget} contribute a partial
 * signature. Presignatures are made in batches among the members online
 * at the time, kept in a use-once pool (any 2t+1 of a presignature's signer set can complete it) and consumed by
 * the online step; the result is verified under the (tweaked) group key before it is returned.
 *
 * <p>Test seams: {@link #offline}/{@link #online} (a member that answers nothing), {@link #corruptPartials} (a
 * member whose partial signatures are wrong: it is named in {@link #lastBadSigners()} and evidence is kept).
 */
public final class InProcessGroupSigning implements GroupSigning {
    private final InProcessGroup group;
    private final Map<Integer, KeyShare> shares;
    private final Map<Integer, ActionVerifiers> verifiers;
    private final int t;
    private final int batch;
    private final Set<Integer> offline = ConcurrentHashMap.newKeySet();
    /** Each element: one presignature, every signer's share of it (use-once; never leaves this object). */
    private final List<Map<Integer, Presignature>> pool = new ArrayList<>();
    private final List<Evidence> evidence = new ArrayList<>();
    private List<Integer> lastBadSigners = List.of();
    private long sessions;

    public InProcessGroupSigning(InProcessGroup group, Map<Integer, KeyShare> shares,
            Map<Integer, ActionVerifiers> verifiers, int presignBatch) {
        if (!shares.keySet().equals(verifiers.keySet())) {
            throw new IllegalArgumentException("one verifier registry per member holding a share");
        }
        if (presignBatch < 1) {
            throw new IllegalArgumentException("presignature batch must be at least 1");
        }
        this.group = group;
        this.shares = new TreeMap<>(shares);
        this.verifiers = new TreeMap<>(verifiers);
        this.t = shares.values().iterator().next().group().threshold();
        this.batch = presignBatch;
    }

    /** n members, degree t: identities and key shares from a fresh in-process DKG; member i checks with {@code verifiersOf(i)}. */
    public static InProcessGroupSigning generate(int n, int t, IntFunction<ActionVerifiers> verifiersOf) {
        SecureRandom rng = new SecureRandom();
        InProcessGroup g = InProcessGroup.of(n, rng);
        byte[] seed = new byte[8];
        rng.nextBytes(seed);
        InProcessGroup.DkgResult dkg = g.dkg(InProcessGroup.sessionId("in-process-group-signing",
                new BigInteger(1, seed).longValue()), IndexSet.range(n), t);
        Map<Integer, ActionVerifiers> vs = new TreeMap<>();
        for (int i : dkg.shares().keySet()) {
            vs.put(i, verifiersOf.apply(i));
        }
        return new InProcessGroupSigning(g, dkg.shares(), vs, 4);
    }

    /** The member stops answering: it neither approves, presigns nor contributes until {@link #online}. */
    public void offline(int member) {
        offline.add(member);
    }

    public void online(int member) {
        offline.remove(member);
    }

    /** From now on the member's partial signatures are off by one (a corrupt signer; detected and named). */
    public synchronized void corruptPartials(int member) {
        group.intercept(member, m -> m instanceof PartialSignatureMessage p
                ? new PartialSignatureMessage(p.header(), p.presignatureId(), p.s().add(BigInteger.ONE).mod(Secp256k1.N))
                : m);
    }

    public synchronized int poolSize() {
        return pool.size();
    }

    /** Members whose partial signature in the last signing was proven wrong (the signature still completed). */
    public synchronized List<Integer> lastBadSigners() {
        return lastBadSigners;
    }

    /** Evidence gathered so far (invalid partials, invalid product shares). */
    public synchronized List<Evidence> evidence() {
        return List.copyOf(evidence);
    }

    public int threshold() {
        return t;
    }

    @Override
    public byte[] groupPublicKey() {
        return shares.values().iterator().next().group().baseKey().getEncoded(true);
    }

    @Override
    public synchronized GroupSignature sign(SignableAction action, Duration timeout) throws SigningFailed {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] encoded = action.encode();
        // Every online member checks the action on its own; a refusal is recorded with its reason.
        Map<SigningTarget, TreeSet<Integer>> approvals = new LinkedHashMap<>();
        Map<Integer, String> refusals = new TreeMap<>();
        for (Map.Entry<Integer, ActionVerifiers> m : verifiers.entrySet()) {
            if (offline.contains(m.getKey())) {
                refusals.put(m.getKey(), "offline");
                continue;
            }
            try {
                SigningTarget target = m.getValue().approve(action.kind(), encoded.clone());
                approvals.computeIfAbsent(target, k -> new TreeSet<>()).add(m.getKey());
            } catch (ActionRefused r) {
                refusals.put(m.getKey(), r.getMessage());
            }
        }
        SigningTarget target = null;
        TreeSet<Integer> approvers = new TreeSet<>();
        for (Map.Entry<SigningTarget, TreeSet<Integer>> a : approvals.entrySet()) {
            if (a.getValue().size() > approvers.size()) {
                target = a.getKey();
                approvers = a.getValue();
            }
        }
        // The same rule as over the board: more than 2t+1 for an action moving the group's bitcoin out when n > 3t+1.
        int needed = new ApprovalQuorum(shares.size(), t).approvalsFor(action.kind());
        if (approvers.size() < needed) {
            throw new SigningFailed(action.kind() + ": " + approvers.size() + " members approved the same target, "
                    + needed + " needed; refusals " + refusals, others(approvers));
        }
        for (int attempt = 0; ; attempt++) {
            Map<Integer, Presignature> presig = takePresignature(approvers);
            IndexSet signers = IndexSet.of(presig.keySet().stream().filter(approvers::contains)
                    .mapToInt(Integer::intValue).toArray());
            try {
                InProcessGroup.SignResult r = group.sign(InProcessGroup.sessionId("in-process-sign", ++sessions),
                        presig, shares, signers, target.digest(), target.tweak());
                evidence.addAll(r.evidence());
                lastBadSigners = List.copyOf(r.badSigners());
                GroupSignature sig = new GroupSignature(target, r.signature().r(), r.signature().s(),
                        r.signature().recoveryId());
                if (!sig.verifiesUnder(groupPublicKey())) {
                    throw new SigningFailed("combined signature does not verify under the group key", List.of());
                }
                return sig;
            } catch (GroupAbort a) {
                evidence.addAll(a.evidence());
                if (attempt > 0 || System.nanoTime() > deadline) {
                    throw new SigningFailed(action.kind() + ": " + a.getMessage(), a.culprits());
                }
                // A bad presignature (invalid product share) is dropped; the next comes from a fresh batch.
            } finally {
                // The shares of signers that did not contribute are wiped as well: a presignature is used once.
                presig.values().stream().filter(p -> !p.isConsumed()).forEach(Presignature::consume);
            }
        }
    }

    private List<Integer> others(Set<Integer> approvers) {
        List<Integer> out = new ArrayList<>();
        for (int m : verifiers.keySet()) {
            if (!approvers.contains(m)) {
                out.add(m);
            }
        }
        return out;
    }

    /** A pooled presignature that 2t+1 of the approvers can complete; tops the pool up among online members. */
    private Map<Integer, Presignature> takePresignature(Set<Integer> approvers) throws SigningFailed {
        for (int round = 0; round < 2; round++) {
            for (Iterator<Map<Integer, Presignature>> it = pool.iterator(); it.hasNext(); ) {
                Map<Integer, Presignature> p = it.next();
                long usable = p.keySet().stream().filter(approvers::contains).count();
                if (usable >= 2L * t + 1) {
                    it.remove();
                    return p;
                }
            }
            List<Integer> available = new ArrayList<>();
            for (int m : shares.keySet()) {
                if (!offline.contains(m)) {
                    available.add(m);
                }
            }
            if (available.size() < 2 * t + 1) {
                throw new SigningFailed("fewer than 2t+1 members online to presign", others(Set.copyOf(available)));
            }
            IndexSet signers = IndexSet.of(available.stream().mapToInt(Integer::intValue).toArray());
            try {
                pool.addAll(group.presignBatch(InProcessGroup.sessionId("in-process-presign", ++sessions), signers,
                        shares, batch, false));
            } catch (GroupAbort a) {
                evidence.addAll(a.evidence());
                throw new SigningFailed("presigning failed: " + a.getMessage(), a.culprits());
            }
        }
        throw new SigningFailed("no presignature the approving members can complete", List.of());
    }

    @Override
    public String toString() {
        return "InProcessGroupSigning[" + shares.size() + " members, t " + t + ", pool " + pool.size() + "]";
    }
}
