package io.synod.membership.application.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.synod.audit.application.AuditTrail;
import io.synod.membership.application.MembershipService;
import io.synod.membership.domain.GroupEpoch;
import io.synod.membership.domain.GroupEpochState;
import io.synod.membership.domain.Member;
import io.synod.membership.infrastructure.persistence.GroupEpochEntity;
import io.synod.membership.infrastructure.persistence.MemberEntity;
import io.synod.shared.domain.IdentityKey;
import io.synod.shared.error.ErrorCode;
import io.synod.shared.error.SynodException;

@Stateless
public class DefaultMembershipService implements MembershipService {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private AuditTrail audit;

    @Inject
    private Clock clock;

    @Override
    public Member registerCandidate(String displayName, IdentityKey identityKey, String actor) {
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw new SynodException(ErrorCode.INVALID_REQUEST, "displayName must be 1 to 200 characters");
        }
        boolean known = !em.createQuery("select m.id from MemberEntity m where m.identityKey = :key", Long.class)
                .setParameter("key", identityKey.compressed()).getResultList().isEmpty();
        if (known) {
            throw new SynodException(ErrorCode.CONFLICT, "identity key " + identityKey.hex() + " is already registered");
        }
        MemberEntity entity = MemberEntity.candidate(displayName.strip(), identityKey, clock.instant());
        em.persist(entity);
        em.flush();
        audit.record(actor, "MEMBER_CANDIDATE_REGISTERED", "member/" + entity.id(),
                "{\"identityKey\":\"" + identityKey.hex() + "\"}");
        return entity.toDomain();
    }

    @Override
    public List<Member> members() {
        return em.createQuery("select m from MemberEntity m order by m.id", MemberEntity.class).getResultList()
                .stream().map(MemberEntity::toDomain).toList();
    }

    @Override
    public Optional<GroupEpoch> activeEpoch() {
        return em.createQuery("select g from GroupEpochEntity g where g.state = :state", GroupEpochEntity.class)
                .setParameter("state", GroupEpochState.ACTIVE).getResultStream().findFirst()
                .map(GroupEpochEntity::toDomain);
    }
}
