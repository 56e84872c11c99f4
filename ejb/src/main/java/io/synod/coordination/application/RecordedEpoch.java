package io.synod.coordination.application;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.synod.coordination.domain.GenesisResult;
import io.synod.membership.domain.FoundingSet;

/** An epoch as the registry recorded it: group key (x ‖ y), degree t and member identities in order. */
public record RecordedEpoch(long epoch, byte[] groupPublicKey, int threshold, List<String> members) {
    public RecordedEpoch {
        groupPublicKey = groupPublicKey.clone();
        members = members.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public byte[] groupPublicKey() {
        return groupPublicKey.clone();
    }

    /**
     * Each member's check after genesis: the recorded epoch 1 carries exactly its own group key, t and founders.
     * Throws naming the first difference; a member must not sign anything for a group it did not generate.
     */
    public void requireMatches(GenesisResult own, FoundingSet founders) {
        requireMatches(own.publicKey64(), founders);
    }

    /** The same check against the group key (x ‖ y) this member stored with its share. */
    public void requireMatches(byte[] ownKey64, FoundingSet founders) {
        if (epoch != 1) {
            throw new IllegalStateException("genesis is epoch 1, registry shows epoch " + epoch);
        }
        if (!Arrays.equals(groupPublicKey, ownKey64)) {
            throw new IllegalStateException("recorded group key differs from this member's key generation result");
        }
        if (threshold != founders.t() || !members.equals(founders.addresses())) {
            throw new IllegalStateException("recorded threshold or members differ from the founding set");
        }
    }
}
