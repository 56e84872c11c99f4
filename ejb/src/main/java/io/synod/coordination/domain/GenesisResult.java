package io.synod.coordination.domain;

import java.util.List;

import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.sharing.IndexSet;

/**
 * The public outcome of a completed genesis at one member: the group key with its Feldman commitments (from which
 * every member's public share follows), the qualified dealers, the disqualified founders and those whose
 * complaints convicted nobody, and the qualified dealers whose polynomials were
 * reconstructed in public after a proven Feldman complaint (they stay in the key). The member's secret share went to its {@link ShareSink}.
 */
public record GenesisResult(GroupKey group, IndexSet qualified, List<Integer> disqualified,
        List<Integer> unfoundedComplainers, List<Integer> reconstructedDealers) {
    public GenesisResult {
        reconstructedDealers = List.copyOf(reconstructedDealers);
        disqualified = List.copyOf(disqualified);
        unfoundedComplainers = List.copyOf(unfoundedComplainers);
    }

    /** The 64-byte x ‖ y group public key, as the registry records it. */
    public byte[] publicKey64() {
        byte[] enc = group.publicKey().getEncoded(false);
        return java.util.Arrays.copyOfRange(enc, 1, 65);
    }
}
