package io.synod.coordination.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.synod.shared.infrastructure.persistence.TrackedRow;
import io.synod.coordination.domain.SessionKind;
import io.synod.coordination.domain.SessionState;

@Entity
@Table(name = "signing_session")
public class SigningSessionEntity extends TrackedRow {

    @Id
    @Column(name = "session_id")
    private byte[] sessionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 20)
    private SessionKind kind;

    @Column(name = "epoch", nullable = false)
    private long epoch;

    @Column(name = "round", nullable = false)
    private int round;

    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 20)
    private SessionState state;

    @Column(name = "deadline", nullable = false)
    private Instant deadline;

    protected SigningSessionEntity() {
    }
}
