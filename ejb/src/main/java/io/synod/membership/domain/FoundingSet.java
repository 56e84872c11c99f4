package io.synod.membership.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.sharing.IndexSet;

/**
 * The configured founders of a group and the degree t of its sharing (n ≥ 2t+1; any t+1 shares determine the
 * key, signing takes 2t+1 members). Indices and identity addresses are unique.
 */
public final class FoundingSet {
    public static final int MIN_FOUNDERS = 4;

    private final TreeMap<Integer, FoundingMember> byIndex = new TreeMap<>();
    private final Map<String, FoundingMember> byAddress = new HashMap<>();
    private final int t;

    public FoundingSet(List<FoundingMember> members, int t) {
        for (FoundingMember m : members) {
            if (byIndex.put(m.index(), m) != null || byAddress.put(m.address(), m) != null) {
                throw new IllegalArgumentException("founder " + m.index() + " appears twice (index or identity)");
            }
        }
        if (byIndex.size() < MIN_FOUNDERS) {
            throw new IllegalArgumentException("a group is founded by at least " + MIN_FOUNDERS + " members");
        }
        if (t < 1 || byIndex.size() < 2 * t + 1) {
            throw new IllegalArgumentException("need t >= 1 and n >= 2t+1");
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
            throw new IllegalArgumentException("no founder with index " + index);
        }
        return m;
    }

    public Optional<FoundingMember> byIndex(int index) {
        return Optional.ofNullable(byIndex.get(index));
    }

    public Optional<FoundingMember> byAddress(String address) {
        return Optional.ofNullable(address == null ? null : byAddress.get(address.toLowerCase(java.util.Locale.ROOT)));
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
}
