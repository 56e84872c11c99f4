package io.synod.audit.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

@Entity
@Immutable
@Table(name = "audit_event")
public class AuditEventEntity {

    @Id
    @Column(name = "id")
    private Long id;

    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    @Column(name = "actor", nullable = false, length = 200)
    private String actor;

    @Column(name = "action", nullable = false, length = 100)
    private String action;

    @Column(name = "subject", nullable = false, length = 200)
    private String subject;

    @Column(name = "detail", nullable = false, length = 4000)
    private String detail;

    @Column(name = "previous_hash", nullable = false)
    private byte[] previousHash;

    @Column(name = "event_hash", nullable = false, unique = true)
    private byte[] eventHash;

    protected AuditEventEntity() {
    }

    public AuditEventEntity(long id, Instant occurredAt, String actor, String action, String subject, String detail,
                            byte[] previousHash, byte[] eventHash) {
        this.id = id;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.action = action;
        this.subject = subject;
        this.detail = detail;
        this.previousHash = previousHash.clone();
        this.eventHash = eventHash.clone();
    }

    public long id() {
        return id;
    }

    public byte[] eventHash() {
        return eventHash.clone();
    }
}
