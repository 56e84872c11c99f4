package io.synod.membership.infrastructure.persistence;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import io.synod.membership.domain.Confiscation;
import io.synod.membership.domain.ConfiscationState;
import io.synod.membership.domain.Conviction;
import io.synod.membership.domain.DeadlineTally;
import io.synod.membership.domain.Exclusion;
import io.synod.membership.domain.FalseAccusation;
import io.synod.membership.domain.MembershipBook;
import io.synod.membership.domain.StakeRefusal;
import io.synod.shared.domain.SessionId;

/**
 * The membership book in PostgreSQL (V7), in whatever transaction the caller runs. Each decision is looked up by
 * its natural key before it is written, and the table's primary key is that natural key, so a decision replayed
 * after a restart answers false, and a concurrent duplicate fails its transaction instead of being kept twice.
 */
public final class JpaMembershipBook implements MembershipBook {
    private final EntityManager em;

    public JpaMembershipBook(EntityManager em) {
        this.em = em;
    }

    @Override
    public boolean record(StakeRefusal r) {
        boolean known = !em.createQuery("select e.seq from StakeRefusalEntity e where e.candidate = :c"
                        + " and e.stakeTxid = :t and e.stakeVout = :v", Long.class)
                .setParameter("c", r.candidate()).setParameter("t", r.stake().txid())
                .setParameter("v", r.stake().vout()).getResultList().isEmpty();
        return !known && persist(StakeRefusalEntity.of(r));
    }

    @Override
    public List<StakeRefusal> list() {
        return em.createQuery("select e from StakeRefusalEntity e order by e.seq", StakeRefusalEntity.class)
                .getResultStream().map(StakeRefusalEntity::toDomain).toList();
    }

    @Override
    public boolean convicted(Conviction c) {
        boolean known = !em.createQuery("select e.seq from ConvictionEntity e where e.culprit = :c"
                        + " and e.evidenceHash = :h", Long.class)
                .setParameter("c", c.culprit()).setParameter("h", c.evidenceHash()).getResultList().isEmpty();
        return !known && persist(ConvictionEntity.of(c));
    }

    @Override
    public boolean falselyAccused(FalseAccusation a) {
        boolean known = !em.createQuery("select e.seq from FalseAccusationEntity e where e.accuser = :a"
                        + " and e.sessionId = :s and e.accused = :x", Long.class)
                .setParameter("a", a.accuser()).setParameter("s", a.session().bytes())
                .setParameter("x", a.accused()).getResultList().isEmpty();
        return !known && persist(FalseAccusationEntity.of(a));
    }

    @Override
    public List<Conviction> convictions() {
        return em.createQuery("select e from ConvictionEntity e order by e.seq", ConvictionEntity.class)
                .getResultStream().map(ConvictionEntity::toDomain).toList();
    }

    @Override
    public boolean isConvicted(String address) {
        return !em.createQuery("select e.seq from ConvictionEntity e where e.culprit = :c", Long.class)
                .setParameter("c", address.toLowerCase(Locale.ROOT)).setMaxResults(1).getResultList().isEmpty();
    }

    @Override
    public List<FalseAccusation> falseAccusations() {
        return em.createQuery("select e from FalseAccusationEntity e order by e.seq", FalseAccusationEntity.class)
                .getResultStream().map(FalseAccusationEntity::toDomain).toList();
    }

    @Override
    public boolean exclude(Exclusion x) {
        return em.find(ExclusionEntity.class, x.member()) == null && persist(ExclusionEntity.of(x));
    }

    @Override
    public List<Exclusion> exclusions() {
        return em.createQuery("select e from ExclusionEntity e order by e.seq", ExclusionEntity.class)
                .getResultStream().map(ExclusionEntity::toDomain).toList();
    }

    @Override
    public Optional<Exclusion> exclusionOf(String member) {
        return Optional.ofNullable(em.find(ExclusionEntity.class, member.toLowerCase(Locale.ROOT)))
                .map(ExclusionEntity::toDomain);
    }

    @Override
    public void confiscation(Confiscation c) {
        ConfiscationEntity row = em.find(ConfiscationEntity.class, c.member(), LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            if (c.state() != ConfiscationState.PENDING) {
                throw new IllegalStateException("confiscation of " + c.member() + " must start PENDING, not "
                        + c.state());
            }
            persist(ConfiscationEntity.of(c));
            return;
        }
        Confiscation known = row.toDomain();
        if (!known.mayBecome(c)) {
            throw new IllegalStateException("confiscation of " + c.member() + " cannot go from " + known.state()
                    + " to " + c.state() + " (forward only, same stake, evidence and transaction)");
        }
        row.update(c);
        em.flush();
    }

    @Override
    public Optional<Confiscation> confiscationOf(String member) {
        return Optional.ofNullable(em.find(ConfiscationEntity.class, member.toLowerCase(Locale.ROOT)))
                .map(ConfiscationEntity::toDomain);
    }

    @Override
    public List<Confiscation> confiscations() {
        return em.createQuery("select e from ConfiscationEntity e order by e.seq", ConfiscationEntity.class)
                .getResultStream().map(ConfiscationEntity::toDomain).toList();
    }

    @Override
    public boolean tally(SessionId session, List<DeadlineTally> after) {
        if (em.find(DeadlineSessionEntity.class, session.bytes()) != null) {
            return false;
        }
        em.persist(new DeadlineSessionEntity(session.bytes()));
        for (DeadlineTally t : after) {
            DeadlineTallyEntity row = em.find(DeadlineTallyEntity.class, t.index());
            if (row == null) {
                em.persist(new DeadlineTallyEntity(t));
            } else {
                row.update(t);
            }
        }
        em.flush();
        return true;
    }

    @Override
    public List<DeadlineTally> tallies() {
        return em.createQuery("select e from DeadlineTallyEntity e order by e.memberIndex", DeadlineTallyEntity.class)
                .getResultStream().map(DeadlineTallyEntity::toDomain).toList();
    }

    private boolean persist(Object entity) {
        em.persist(entity);
        em.flush();
        return true;
    }
}
