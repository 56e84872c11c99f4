package io.synod.coordination.infrastructure.persistence;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A member's key share as stored: sealed by the HSM (opened only inside the HSM's scope, by whoever signs with
 * it), with the public outcome of the key generation that produced it. The group id is the genesis session id.
 */
public record StoredKeyShare(byte[] groupId, long epoch, int memberIndex, int threshold, byte[] groupPublicKey,
        byte[] commitments, List<Integer> members, byte[] sealedShare) {
    public StoredKeyShare {
        groupId = groupId.clone();
        groupPublicKey = groupPublicKey.clone();
        commitments = commitments.clone();
        members = List.copyOf(members);
        sealedShare = sealedShare.clone();
        if (groupId.length != 32 || groupPublicKey.length != 33 || commitments.length != 33 * (threshold + 1)) {
            throw new IllegalArgumentException("group id 32 bytes, compressed key, t+1 compressed commitments");
        }
    }

    @Override
    public byte[] groupId() {
        return groupId.clone();
    }

    @Override
    public byte[] groupPublicKey() {
        return groupPublicKey.clone();
    }

    @Override
    public byte[] commitments() {
        return commitments.clone();
    }

    @Override
    public byte[] sealedShare() {
        return sealedShare.clone();
    }

    /** The commitments as t+1 compressed points (A_0 is the group key). */
    public List<byte[]> commitmentList() {
        return Stream.iterate(0, i -> i < threshold + 1, i -> i + 1)
                .map(i -> Arrays.copyOfRange(commitments, 33 * i, 33 * (i + 1))).toList();
    }

    String membersText() {
        return members.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    static List<Integer> parseMembers(String text) {
        return text.isEmpty() ? List.of() : Stream.of(text.split(",")).map(Integer::valueOf).toList();
    }

    @Override
    public String toString() {
        return "StoredKeyShare[member " + memberIndex + ", epoch " + epoch + ", sealed]";
    }
}
