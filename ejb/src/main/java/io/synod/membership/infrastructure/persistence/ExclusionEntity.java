package io.synod.membership.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.synod.membership.domain.Exclusion;
import io.synod.membership.domain.ExclusionCause;

/** Row of {@code membership_exclusion}: one per member. */
@Entity
@Table(name = "membership_exclusion")
public class ExclusionEntity {

    @Id
    @Column(name = "member", length = 42)
    private String member;

    @Column(name = "member_index", nullable = false)
    private int memberIndex;

    @Enumerated(EnumType.STRING)
    @Column(name = "cause", nullable = false, length = 20)
    private ExclusionCause cause;

    @Column(name = "detail", nullable = false, columnDefinition = "text")
    private String detail;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    // Written by the database (BIGSERIAL); only read to keep decisions in the order they were taken.
    @Column(name = "seq", insertable = false, updatable = false)
    private Long seq;

    protected ExclusionEntity() {
    }

    static ExclusionEntity of(Exclusion x) {
        ExclusionEntity e = new ExclusionEntity();
        e.member = x.member();
        e.memberIndex = x.index();
        e.cause = x.cause();
        e.detail = x.detail();
        e.decidedAt = x.at();
        return e;
    }

    Exclusion toDomain() {
        return new Exclusion(member, memberIndex, cause, detail, decidedAt);
    }
}
