package io.synod.coordination.application;

import java.util.List;
import java.util.Optional;

/**
 * This node's view of its group: the phase, the genesis session and round it is in, and once ready the epoch, the
 * group key (compressed, hex), its Bitcoin address, t and the members. {@code card} holds the node's own public
 * keys as its founder card publishes them; {@code detail} says what the node waits for or why it failed.
 */
public record GroupStatus(GroupPhase phase, Optional<String> sessionId, Optional<Integer> self, int round, long epoch,
        Optional<String> groupPublicKey, Optional<String> bitcoinAddress, int threshold, List<Member> members,
        Optional<Card> card, Optional<Long> boardHead, Optional<String> detail) {

    /** A founder as the founding set names it. */
    public record Member(int index, String address, String identityKey) {
    }

    /** The node's published public keys. */
    public record Card(String identityKey, String identityAddress, String encryptionKey, String gasAddress) {
    }

    public GroupStatus {
        members = List.copyOf(members);
    }

    public static GroupStatus of(GroupPhase phase, String detail) {
        return new GroupStatus(phase, Optional.empty(), Optional.empty(), 0, 0, Optional.empty(), Optional.empty(), 0,
                List.of(), Optional.empty(), Optional.empty(), Optional.ofNullable(detail));
    }

    public GroupStatus withCard(Optional<Card> c) {
        return new GroupStatus(phase, sessionId, self, round, epoch, groupPublicKey, bitcoinAddress, threshold, members,
                c, boardHead, detail);
    }
}
