package io.synod.membership.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.synod.shared.domain.Outpoint;

/**
 * One epoch as the registry records it: the group key (x ‖ y), the degree t, the members' identity addresses in
 * index order and each member's stake outpoint.
 */
public record EpochRecord(long epoch, byte[] groupPublicKey, int threshold, List<String> members,
        List<Outpoint> stakes) {
    public EpochRecord {
        if (epoch < 1 || groupPublicKey.length != 64 || threshold < 1 || members.size() != stakes.size()) {
            throw new IllegalArgumentException("epoch >= 1, 64-byte key, t >= 1, one stake per member");
        }
        groupPublicKey = groupPublicKey.clone();
        members = members.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
        stakes = List.copyOf(stakes);
    }

    @Override
    public byte[] groupPublicKey() {
        return groupPublicKey.clone();
    }

    public boolean hasMember(String address) {
        return members.contains(address.toLowerCase(Locale.ROOT));
    }

    /** The stake outpoint the registry holds for {@code address} in this epoch. */
    public Outpoint stakeOf(String address) {
        int i = members.indexOf(address.toLowerCase(Locale.ROOT));
        if (i < 0) {
            throw new IllegalArgumentException(address + " is not a member of epoch " + epoch);
        }
        return stakes.get(i);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EpochRecord e && e.epoch == epoch && Arrays.equals(e.groupPublicKey, groupPublicKey)
                && e.threshold == threshold && e.members.equals(members) && e.stakes.equals(stakes);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(epoch) * 31 + members.hashCode();
    }
}
