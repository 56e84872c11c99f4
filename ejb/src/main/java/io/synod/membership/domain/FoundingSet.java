package io.synod.membership.domain;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.sharing.IndexSet;

/**
 * The configured founders of a group and the degree t of its sharing: the {@link MemberSet} of epoch 1, with at
 * least {@value #MIN_FOUNDERS} members.
 */
public final class FoundingSet {
    public static final int MIN_FOUNDERS = 4;

    private final MemberSet set;

    public FoundingSet(List<FoundingMember> members, int t) {
        this.set = new MemberSet(members, t);
        if (set.size() < MIN_FOUNDERS) {
            throw new IllegalArgumentException("a group is founded by at least " + MIN_FOUNDERS + " members");
        }
    }

    private FoundingSet(MemberSet set) {
        this.set = set;
    }

    /**
     * A later epoch's roster in the form signing channels take: after leaves and exclusions a group may be smaller
     * than the founding minimum, down to n = 2t+1 = 3 (the member set's own rule).
     */
    public static FoundingSet ofEpoch(MemberSet set) {
        return new FoundingSet(set);
    }

    /** The founders as epoch 1's member set. */
    public MemberSet asMemberSet() {
        return set;
    }

    public int t() {
        return set.t();
    }

    public int size() {
        return set.size();
    }

    public IndexSet indices() {
        return set.indices();
    }

    public List<FoundingMember> members() {
        return set.members();
    }

    public FoundingMember member(int index) {
        return set.member(index);
    }

    public Optional<FoundingMember> byIndex(int index) {
        return set.byIndex(index);
    }

    public Optional<FoundingMember> byAddress(String address) {
        return set.byAddress(address);
    }

    /** Identity addresses in index order (the registry's member list). */
    public List<String> addresses() {
        return set.addresses();
    }

    public Map<Integer, ECPoint> encryptionKeys() {
        return set.encryptionKeys();
    }
}
