package io.synod.coordination.infrastructure.persistence;

import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import io.synod.coordination.domain.GenesisCheckpoint;
import io.synod.coordination.domain.SessionKind;
import io.synod.coordination.domain.SessionStore;
import io.synod.shared.domain.SessionId;

/**
 * Genesis checkpoints in {@code session_checkpoint}, in whatever transaction the caller runs (the container's
 * bean gives each save its own, so a checkpoint is durable before the member posts what follows from it).
 * The seed is sealed once, when the session's first checkpoint is written: it never changes within a session,
 * so later saves only move the round, and the finished checkpoint drops it.
 */
public final class JpaSessionStore implements SessionStore {
    private final EntityManager em;
    private final SeedSealer sealer;
    private final Clock clock;

    public JpaSessionStore(EntityManager em, SeedSealer sealer, Clock clock) {
        this.em = em;
        this.sealer = sealer;
        this.clock = clock;
    }

    @Override
    public void save(GenesisCheckpoint c) {
        SessionCheckpointEntity row = em.find(SessionCheckpointEntity.class, c.session().bytes(),
                LockModeType.PESSIMISTIC_WRITE);
        if (row == null) {
            byte[] seed = c.seed();
            try {
                // A session first seen finished (recorded after the fact) has no seed worth keeping.
                byte[] sealed = c.finished() ? null : sealer.seal(c.session(), seed);
                row = new SessionCheckpointEntity(c.session().bytes(), SessionKind.KEYGEN, sealed, c.startBlock(),
                        clock.instant());
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
            row.progress(c.postedRound(), c.finished(), clock.instant());
            em.persist(row);
        } else {
            if (row.startBlock() != c.startBlock()) {
                throw new IllegalStateException("checkpoint of " + c.session() + " changes its start block");
            }
            if (row.finished() && !c.finished()) {
                throw new IllegalStateException("session " + c.session() + " is finished here; it cannot reopen");
            }
            row.progress(Math.max(row.postedRound(), c.postedRound()), c.finished(), clock.instant());
        }
        em.flush();
    }

    @Override
    public Optional<GenesisCheckpoint> load(SessionId session) {
        SessionCheckpointEntity row = em.find(SessionCheckpointEntity.class, session.bytes());
        if (row == null) {
            return Optional.empty();
        }
        byte[] seed = row.finished() ? new byte[32] : sealer.unseal(session, row.sealedSeed());
        try {
            return Optional.of(new GenesisCheckpoint(session, seed, row.startBlock(), row.postedRound(), row.finished()));
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
