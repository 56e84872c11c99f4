package io.synod.membership.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.sharing.IndexSet;

/**
 * The members of one key epoch and the degree t of its sharing (n ≥ 2t+1; any t+1 shares determine the key,
 * signing takes 2t+1 members). Indices are permanent identities: index i names the same member, identity key and
 * encryption key in every epoch it belongs to, which is what lets resharing map old shares to new ones.
 */
public final class MemberSet {
    private final TreeMap<Integer, FoundingMember> byIndex = new TreeMap<>();
    private final Map<String, FoundingMember> byAddress = new HashMap<>();
    private final int t;

    public MemberSet(Collection<FoundingMember> members, int t) {
        for (FoundingMember m : members) {
            if (byIndex.put(m.index(), m) != null || byAddress.put(m.address(), m) != null) {
                throw new IllegalArgumentException("member " + m.index() + " appears twice (index or identity)");
            }
        }
        if (t < 1 || byIndex.size() < 2 * t + 1) {
            throw new IllegalArgumentException("need t >= 1 and n >= 2t+1 (n " + byIndex.size() + ", t " + t + ")");
        }
        this.t = t;
    }

    public int t() {
        return t;
    }

    public int size() {
        return byIndex.size();
    }

    public IndexSet indices() {
        return IndexSet.of(byIndex.keySet().stream().mapToInt(Integer::intValue).toArray());
    }

    public List<FoundingMember> members() {
        return List.copyOf(byIndex.values());
    }

    public FoundingMember member(int index) {
        FoundingMember m = byIndex.get(index);
        if (m == null) {
            throw new IllegalArgumentException("no member with index " + index);
        }
        return m;
    }

    public Optional<FoundingMember> byIndex(int index) {
        return Optional.ofNullable(byIndex.get(index));
    }

    public Optional<FoundingMember> byAddress(String address) {
        return Optional.ofNullable(address == null ? null : byAddress.get(address.toLowerCase(java.util.Locale.ROOT)));
    }

    public boolean contains(int index) {
        return byIndex.containsKey(index);
    }

    /** Identity addresses in index order (the registry's member list). */
    public List<String> addresses() {
        List<String> out = new ArrayList<>();
        byIndex.values().forEach(m -> out.add(m.address()));
        return out;
    }

    public Map<Integer, ECPoint> encryptionKeys() {
        Map<Integer, ECPoint> out = new TreeMap<>();
        byIndex.values().forEach(m -> out.put(m.index(), m.encryptionKey()));
        return out;
    }

    /** This set plus a newcomer, at degree {@code newT}. */
    public MemberSet with(FoundingMember newcomer, int newT) {
        List<FoundingMember> out = new ArrayList<>(byIndex.values());
        out.add(newcomer);
        return new MemberSet(out, newT);
    }

    /** This set without member {@code index}, at degree {@code newT}. */
    public MemberSet without(int index, int newT) {
        member(index);
        List<FoundingMember> out = new ArrayList<>(byIndex.values());
        out.removeIf(m -> m.index() == index);
        return new MemberSet(out, newT);
    }

    @Override
    public String toString() {
        return "MemberSet" + byIndex.keySet() + " t=" + t;
    }
}
