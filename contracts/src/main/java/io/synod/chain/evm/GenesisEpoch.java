package io.synod.chain.evm;

import io.synod.chain.bitcoin.Outpoint;
import java.util.List;

/**
 * The first epoch written into the registry at deployment: the group's 64-byte public key, the signing threshold,
 * and each member's identity address with the outpoint of its stake deposit (same order).
 */
public record GenesisEpoch(byte[] groupPublicKey, int threshold, List<String> members, List<Outpoint> stakes) {

    public GenesisEpoch {
        groupPublicKey = groupPublicKey.clone();
        members = List.copyOf(members);
        stakes = List.copyOf(stakes);
        if (groupPublicKey.length != 64 || threshold < 1 || threshold > members.size() || members.size() != stakes.size()) {
            throw new IllegalArgumentException("genesis epoch needs a 64-byte key, 1 <= threshold <= members, a stake each");
        }
    }

    @Override
    public byte[] groupPublicKey() {
        return groupPublicKey.clone();
    }
}
