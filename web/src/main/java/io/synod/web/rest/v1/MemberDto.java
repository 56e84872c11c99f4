package io.synod.web.rest.v1;

import io.synod.membership.domain.Member;

/** Wire form of a member. */
public record MemberDto(long id, String displayName, String identityKey, String status, Integer index, String stake,
                        String registeredAt) {

    static MemberDto from(Member m) {
        return new MemberDto(m.id(), m.displayName(), m.identityKey().hex(), m.status().name(),
                m.index().map(i -> i.value()).orElse(null), m.stake().map(Object::toString).orElse(null),
                m.registeredAt().toString());
    }
}
