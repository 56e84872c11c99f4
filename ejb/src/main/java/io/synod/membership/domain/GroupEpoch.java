package io.synod.membership.domain;

import io.synod.shared.domain.Epoch;

/** Read model of one key epoch of the group. */
public record GroupEpoch(Epoch epoch, byte[] publicKey, int threshold, int memberCount, String bitcoinAddress,
                         GroupEpochState state) {

    public GroupEpoch {
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }
}
