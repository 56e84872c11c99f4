package io.synod.audit.application;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.synod.audit.infrastructure.persistence.AuditEventEntity;
import io.synod.shared.domain.FieldHash;

/**
 * Appends audit events. Each event's hash commits to the previous one, so an exported trail proves
 * that nothing was removed or edited; the database also refuses updates and deletes of the table.
 */
@Stateless
public class AuditTrail {

    /** Serialises appends so the chain never forks; held only until the surrounding transaction ends. */
    private static final long APPEND_LOCK = 0x5359_4E4F_4441_5544L;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(String actor, String action, String subject, String detail) {
        em.createNativeQuery("SELECT count(*) FROM (SELECT pg_advisory_xact_lock(" + APPEND_LOCK + ")) AS l")
                .getSingleResult();
        AuditEventEntity last = em.createQuery("select e from AuditEventEntity e order by e.id desc", AuditEventEntity.class)
                .setMaxResults(1).getResultStream().findFirst().orElse(null);
        long id = last == null ? 1 : last.id() + 1;
        byte[] previous = last == null ? new byte[32] : last.eventHash();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        byte[] hash = chainHash(previous, id, at, actor, action, subject, detail);
        em.persist(new AuditEventEntity(id, at, actor, action, subject, detail, previous, hash));
    }

    /** Length-prefixed, domain-separated, so two different field splits never hash alike. */
    public static byte[] chainHash(byte[] previous, long id, Instant at, String actor, String action, String subject,
                                   String detail) {
        byte[] idAndTime = ByteBuffer.allocate(16).putLong(id).putLong(at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000).array();
        return FieldHash.sha256(utf8("synod/audit/v1"), previous, idAndTime, utf8(actor), utf8(action), utf8(subject),
                utf8(detail));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
