package io.synod.membership.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.synod.membership.domain.Conviction;
import io.synod.shared.domain.SessionId;

/** Row of {@code membership_conviction}; natural key culprit + evidence hash. */
@Entity
@Table(name = "membership_conviction")
public class ConvictionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "seq")
    private Long seq;

    @Column(name = "culprit", nullable = false, length = 42)
    private String culprit;

    @Column(name = "evidence_hash", nullable = false)
    private byte[] evidenceHash;

    @Column(name = "culprit_index", nullable = false)
    private int culpritIndex;

    @Column(name = "session_id", nullable = false)
    private byte[] sessionId;

    @Column(name = "evidence_kind", nullable = false, length = 60)
    private String evidenceKind;

    @Column(name = "evidence", nullable = false)
    private byte[] evidence;

    @Column(name = "detail", nullable = false, columnDefinition = "text")
    private String detail;

    @Column(name = "convicted_at", nullable = false)
    private Instant convictedAt;

    protected ConvictionEntity() {
    }

    static ConvictionEntity of(Conviction c) {
        ConvictionEntity e = new ConvictionEntity();
        e.culprit = c.culprit();
        e.evidenceHash = c.evidenceHash();
        e.culpritIndex = c.culpritIndex();
        e.sessionId = c.session().bytes();
        e.evidenceKind = c.evidenceKind();
        e.evidence = c.evidence();
        e.detail = c.detail();
        e.convictedAt = c.at();
        return e;
    }

    Conviction toDomain() {
        return new Conviction(culprit, culpritIndex, new SessionId(sessionId), evidenceKind, evidence, detail,
                convictedAt);
    }
}
