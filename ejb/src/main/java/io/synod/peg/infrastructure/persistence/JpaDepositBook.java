package io.synod.peg.infrastructure.persistence;

import java.util.List;
import java.util.Optional;

import jakarta.persistence.EntityManager;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.RevealedDeposit;

/**
 * The peg-in book in PostgreSQL (tables pegin_reveal, pegin_deposit). Runs in the caller's transaction; each
 * save flushes, so a transition is durable when the transaction that made it commits, and a concurrent writer of
 * the same outpoint fails on the row version instead of overwriting.
 */
public final class JpaDepositBook implements DepositBook {

    private final EntityManager em;
    private final byte[] groupPublicKey;

    public JpaDepositBook(EntityManager em, byte[] groupPublicKey) {
        this.em = em;
        this.groupPublicKey = groupPublicKey.clone();
    }

    @Override
    public boolean addReveal(RevealedDeposit reveal) {
        if (em.find(PegInRevealEntity.class, reveal.revealId()) != null) {
            return false;
        }
        em.persist(PegInRevealEntity.of(reveal));
        em.flush();
        return true;
    }

    @Override
    public List<RevealedDeposit> reveals() {
        return em.createQuery("select r from PegInRevealEntity r order by r.seq", PegInRevealEntity.class)
                .getResultList().stream().map(r -> r.toDomain(groupPublicKey)).toList();
    }

    @Override
    public Optional<PegInDeposit> find(Outpoint outpoint) {
        PegInDepositEntity e = em.find(PegInDepositEntity.class, new PegInDepositEntity.Key(outpoint));
        return Optional.ofNullable(e).map(this::toDomain);
    }

    @Override
    public void save(PegInDeposit deposit) {
        PegInDepositEntity e = em.find(PegInDepositEntity.class, new PegInDepositEntity.Key(deposit.outpoint()));
        if (e == null) {
            em.persist(PegInDepositEntity.of(deposit));
        } else {
            e.update(deposit);
        }
        em.flush();
    }

    @Override
    public List<PegInDeposit> deposits() {
        return em.createQuery("select d from PegInDepositEntity d order by d.seq", PegInDepositEntity.class)
                .getResultList().stream().map(this::toDomain).toList();
    }

    private PegInDeposit toDomain(PegInDepositEntity e) {
        PegInRevealEntity r = em.find(PegInRevealEntity.class, e.revealId());
        return e.toDomain(r.toDomain(groupPublicKey));
    }
}
