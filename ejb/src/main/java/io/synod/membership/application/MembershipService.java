package io.synod.membership.application;

import java.util.List;
import java.util.Optional;

import io.synod.membership.domain.GroupEpoch;
import io.synod.membership.domain.Member;
import io.synod.shared.domain.IdentityKey;

/** Membership use cases. */
public interface MembershipService {

    /**
     * Records an institution that wants to join; it becomes a member only after its stake is verified
     * and the key is reshared to include it.
     *
     * @throws io.synod.shared.error.SynodException CONFLICT when the identity key is already registered
     */
    Member registerCandidate(String displayName, IdentityKey identityKey, String actor);

    List<Member> members();

    Optional<GroupEpoch> activeEpoch();
}
