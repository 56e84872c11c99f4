package io.synod.membership.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.synod.membership.domain.DeadlineTally;

/** Row of {@code membership_deadline_tally}: deadlines a member missed in a row. */
@Entity
@Table(name = "membership_deadline_tally")
public class DeadlineTallyEntity {

    @Id
    @Column(name = "member_index")
    private int memberIndex;

    @Column(name = "member", nullable = false, length = 42)
    private String member;

    @Column(name = "missed_in_row", nullable = false)
    private int missedInRow;

    protected DeadlineTallyEntity() {
    }

    DeadlineTallyEntity(DeadlineTally t) {
        this.memberIndex = t.index();
        update(t);
    }

    void update(DeadlineTally t) {
        member = t.member();
        missedInRow = t.missedInARow();
    }

    DeadlineTally toDomain() {
        return new DeadlineTally(member, memberIndex, missedInRow);
    }
}
