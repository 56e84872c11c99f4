package io.synod.membership.domain;

import java.time.Instant;
import java.util.Optional;

import io.synod.shared.domain.IdentityKey;
import io.synod.shared.domain.MemberIndex;
import io.synod.shared.domain.Outpoint;

/** Read model of one member, free of persistence concerns. */
public record Member(long id, String displayName, IdentityKey identityKey, MemberStatus status,
                     Optional<MemberIndex> index, Optional<Outpoint> stake, Instant registeredAt) {
}
