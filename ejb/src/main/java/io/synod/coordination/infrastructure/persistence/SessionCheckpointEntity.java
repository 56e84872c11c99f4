package io.synod.coordination.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.synod.coordination.domain.SessionKind;
import io.synod.shared.infrastructure.persistence.TrackedRow;

/** Row of {@code session_checkpoint}: a session's resume point, its seed sealed (null once finished). */
@Entity
@Table(name = "session_checkpoint")
public class SessionCheckpointEntity extends TrackedRow {

    @Id
    @Column(name = "session_id")
    private byte[] sessionId;

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false, length = 20)
    private SessionKind kind;

    @Column(name = "sealed_seed")
    private byte[] sealedSeed;

    @Column(name = "start_block", nullable = false)
    private long startBlock;

    @Column(name = "posted_round", nullable = false)
    private int postedRound;

    @Column(name = "finished", nullable = false)
    private boolean finished;

    protected SessionCheckpointEntity() {
    }

    SessionCheckpointEntity(byte[] sessionId, SessionKind kind, byte[] sealedSeed, long startBlock, Instant now) {
        this.sessionId = sessionId.clone();
        this.kind = kind;
        this.sealedSeed = sealedSeed == null ? null : sealedSeed.clone();
        this.startBlock = startBlock;
        created(now);
    }

    void progress(int postedRound, boolean finished, Instant now) {
        this.postedRound = postedRound;
        this.finished = finished;
        if (finished) {
            // The seed has no use once the share is sealed; dropping it leaves nothing to steal later.
            this.sealedSeed = null;
        }
        touched(now);
    }

    byte[] sessionId() {
        return sessionId.clone();
    }

    byte[] sealedSeed() {
        return sealedSeed == null ? null : sealedSeed.clone();
    }

    long startBlock() {
        return startBlock;
    }

    int postedRound() {
        return postedRound;
    }

    boolean finished() {
        return finished;
    }
}
