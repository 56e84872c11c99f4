package io.synod.membership.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of {@code membership_deadline_session}: a session whose attendance has been counted (once). */
@Entity
@Table(name = "membership_deadline_session")
public class DeadlineSessionEntity {

    @Id
    @Column(name = "session_id")
    private byte[] sessionId;

    protected DeadlineSessionEntity() {
    }

    DeadlineSessionEntity(byte[] sessionId) {
        this.sessionId = sessionId.clone();
    }
}
