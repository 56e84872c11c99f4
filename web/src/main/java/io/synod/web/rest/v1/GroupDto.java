package io.synod.web.rest.v1;

import java.util.List;

import io.synod.coordination.application.GroupStatus;
import io.synod.coordination.application.SigningStatus;

/** Wire form of {@code GET /api/v1/group}; absent values are null; {@code signing} is the group signing view. */
public record GroupDto(String phase, String sessionId, Integer self, int round, long epoch, String groupPublicKey,
        String bitcoinAddress, int threshold, List<MemberDto> members, CardDto node, Long boardHead, String detail, SigningDto signing) {

    /** A founder: index, identity address (its registry identity) and identity key (x ‖ y, hex). */
    public record MemberDto(int index, String address, String identityKey) {
    }

    /** This node's published public keys (its founder card). */
    public record CardDto(String identityKey, String identityAddress, String encryptionKey, String gasAddress) {
    }

    static GroupDto from(GroupStatus s, SigningStatus signing) {
        return new GroupDto(s.phase().name(), s.sessionId().orElse(null), s.self().orElse(null), s.round(), s.epoch(),
                s.groupPublicKey().orElse(null), s.bitcoinAddress().orElse(null), s.threshold(),
                s.members().stream().map(m -> new MemberDto(m.index(), m.address(), m.identityKey())).toList(),
                s.card().map(c -> new CardDto(c.identityKey(), c.identityAddress(), c.encryptionKey(), c.gasAddress()))
                        .orElse(null),
                s.boardHead().orElse(null), s.detail().orElse(null), SigningDto.from(signing));
    }
}
