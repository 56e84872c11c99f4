package io.synod.membership.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.synod.membership.domain.FalseAccusation;
import io.synod.shared.domain.SessionId;

/** Row of {@code membership_false_accusation}; natural key accuser + session + accused. */
@Entity
@Table(name = "membership_false_accusation")
public class FalseAccusationEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "seq")
    private Long seq;

    @Column(name = "accuser", nullable = false, length = 42)
    private String accuser;

    @Column(name = "session_id", nullable = false)
    private byte[] sessionId;

    @Column(name = "accused", nullable = false)
    private int accused;

    @Column(name = "accuser_index", nullable = false)
    private int accuserIndex;

    @Column(name = "accusation", nullable = false)
    private byte[] accusation;

    @Column(name = "reason", nullable = false, columnDefinition = "text")
    private String reason;

    @Column(name = "recorded_at", nullable = false)
    private Instant recordedAt;

    protected FalseAccusationEntity() {
    }

    static FalseAccusationEntity of(FalseAccusation a) {
        FalseAccusationEntity e = new FalseAccusationEntity();
        e.accuser = a.accuser();
        e.sessionId = a.session().bytes();
        e.accused = a.accused();
        e.accuserIndex = a.accuserIndex();
        e.accusation = a.accusation();
        e.reason = a.reason();
        e.recordedAt = a.at();
        return e;
    }

    FalseAccusation toDomain() {
        return new FalseAccusation(accuser, accuserIndex, accused, new SessionId(sessionId), accusation, reason,
                recordedAt);
    }
}
