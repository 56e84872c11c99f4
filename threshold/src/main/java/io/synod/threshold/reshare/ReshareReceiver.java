package io.synod.threshold.reshare;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.dkg.Keys;
import io.synod.threshold.dkg.ProtocolAbort;
import io.synod.threshold.evidence.ShareJudge;
import io.synod.threshold.math.Lagrange;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.Complaint;
import io.synod.threshold.message.MessageType;
import io.synod.threshold.message.ReshareDealing;
import io.synod.threshold.sharing.Commitments;
import io.synod.threshold.sharing.IndexSet;
import io.synod.threshold.sharing.PrivateShares;

/**
 * A new member's side: {@link #receiveDealings} (own complaints) → {@link #finish} (judges all complaints,
 * combines the valid dealers' sub-shares with Lagrange weights, checks the new commitments reproduce the group
 * key). A dealing whose constant commitment is not the dealer's public share X_i is excluded by everyone, since
 * that check uses public data only.
 */
public final class ReshareReceiver {
    private final ReshareConfig cfg;
    private final Keys keys;
    private final SecureRandom rng;
    private final Map<Integer, ReshareDealing> dealings = new TreeMap<>();
    private final Map<Integer, BigInteger> shares = new TreeMap<>();
    private final TreeSet<Integer> publiclyInvalid = new TreeSet<>();

    public ReshareReceiver(ReshareConfig cfg, Keys keys, SecureRandom rng) {
        if (!cfg.newMembers().contains(keys.self())) {
            throw new io.synod.threshold.ThresholdException("member is not in the new set");
        }
        this.cfg = cfg;
        this.keys = keys;
        this.rng = rng;
    }

    public List<Complaint> receiveDealings(List<ReshareDealing> all) {
        List<Complaint> complaints = new ArrayList<>();
        for (ReshareDealing d : all) {
            int dealer = d.header().sender();
            if (!cfg.dealers().contains(dealer) || dealings.containsKey(dealer)) {
                continue;
            }
            Commitments.requireLength(d.commitments(), cfg.newT());
            dealings.put(dealer, d);
            if (!d.commitments().get(0).equals(cfg.oldGroup().publicShare(dealer))) {
                publiclyInvalid.add(dealer);
                continue;
            }
            Optional<byte[]> plain = PrivateShares.decrypt(d.header(), d.ephemeral(),
                    d.ciphertexts().get(cfg.newMembers().position(keys.self())), keys);
            List<BigInteger> s = plain.map(ShareJudge::parse).orElse(null);
            if (s == null || s.size() != 1 || !Commitments.checkFeldman(d.commitments(), keys.self(), s.get(0))) {
                complaints.add(PrivateShares.complain(MessageType.RESHARE_COMPLAINT, cfg.sessionId(), keys, dealer,
                        d.ephemeral(), rng));
            } else {
                shares.put(dealer, s.get(0));
            }
        }
        return complaints;
    }

    /** Dealers excluded by everyone: wrong constant term, or proven guilty by a complaint. */
    public List<Integer> excludedDealers(List<Complaint> complaints) {
        TreeSet<Integer> out = new TreeSet<>(publiclyInvalid);
        for (Complaint c : complaints) {
            ReshareDealing d = dealings.get(c.accused());
            if (d != null && ShareJudge.dealerIsGuilty(d, cfg.newMembers(), c, keys.encryptionKey(c.header().sender()),
                    null)) {
                out.add(c.accused());
            }
        }
        return List.copyOf(out);
    }

    public KeyShare finish(List<Complaint> complaints) {
        List<Integer> excluded = excludedDealers(complaints);
        List<Integer> valid = new ArrayList<>();
        for (int d : dealings.keySet()) {
            if (!excluded.contains(d)) {
                valid.add(d);
            }
        }
        int t = cfg.oldGroup().threshold();
        if (valid.size() < t + 1) {
            throw new ProtocolAbort("fewer than t+1 valid resharing dealers", excluded);
        }
        for (int d : valid) {
            if (!shares.containsKey(d)) {
                // Our complaint against d was not upheld by the judge: cannot happen for an honest receiver.
                throw new ProtocolAbort("own share from a dealer judged valid is missing", List.of(keys.self()));
            }
        }
        int[] idx = valid.stream().mapToInt(Integer::intValue).toArray();
        BigInteger[] lambda = Lagrange.atZero(idx);
        BigInteger x = BigInteger.ZERO;
        ECPoint[] a = new ECPoint[cfg.newT() + 1];
        java.util.Arrays.fill(a, Secp256k1.infinity());
        for (int i = 0; i < idx.length; i++) {
            x = Scalars.add(x, Scalars.mul(lambda[i], shares.get(idx[i])));
            List<ECPoint> b = dealings.get(idx[i]).commitments();
            for (int k = 0; k <= cfg.newT(); k++) {
                a[k] = a[k].add(b.get(k).multiply(lambda[i]));
            }
        }
        GroupKey g = new GroupKey(cfg.newT(), cfg.newMembers(), List.of(a), BigInteger.ZERO);
        if (!g.baseKey().equals(cfg.oldGroup().baseKey())) {
            throw new ProtocolAbort("reshared commitments do not reproduce the group key", excluded);
        }
        shares.clear();
        return new KeyShare(keys.self(), x, g);
    }

    @Override
    public String toString() {
        return "ReshareReceiver[" + keys.self() + ", secrets redacted]";
    }
}
