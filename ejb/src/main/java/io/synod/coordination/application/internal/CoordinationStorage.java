package io.synod.coordination.application.internal;

import java.time.Clock;
import java.util.Optional;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.synod.coordination.domain.GenesisCheckpoint;
import io.synod.coordination.domain.SessionStore;
import io.synod.coordination.infrastructure.persistence.JpaCoordinationRecords;
import io.synod.coordination.infrastructure.persistence.JpaCoordinationRecords.SealedSecret;
import io.synod.coordination.infrastructure.persistence.JpaSessionStore;
import io.synod.coordination.infrastructure.persistence.SeedSealer;
import io.synod.coordination.infrastructure.persistence.StoredKeyShare;
import io.synod.shared.domain.SessionId;

/**
 * The node runtime's storage, each call in its own transaction: a checkpoint is committed before the member posts
 * what follows from it, so a crash between the two can only make it regenerate (never re-deal) a message.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class CoordinationStorage {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    /**
     * A session store over the given bean reference (the container's proxy, so each call runs in its own
     * transaction), sealing seeds with {@code sealer}: what genesis and resharing sessions checkpoint through.
     */
    public static SessionStore sessionStore(CoordinationStorage storage, SeedSealer sealer) {
        return new SessionStore() {
            @Override
            public void save(GenesisCheckpoint c) {
                storage.saveCheckpoint(c, sealer);
            }

            @Override
            public Optional<GenesisCheckpoint> load(SessionId id) {
                return storage.loadCheckpoint(id, sealer);
            }
        };
    }

    public void saveCheckpoint(GenesisCheckpoint c, SeedSealer sealer) {
        new JpaSessionStore(em, sealer, clock).save(c);
    }

    public Optional<GenesisCheckpoint> loadCheckpoint(SessionId s, SeedSealer sealer) {
        return new JpaSessionStore(em, sealer, clock).load(s);
    }

    public void advanceCursor(String reader, String board, long nextBlock, long headBlock) {
        new JpaCoordinationRecords(em, clock).advanceCursor(reader, board, nextBlock, headBlock);
    }

    public Optional<Long> cursor(String reader, String board) {
        return new JpaCoordinationRecords(em, clock).nextBlock(reader, board);
    }

    public void saveShare(StoredKeyShare share) {
        new JpaCoordinationRecords(em, clock).saveShare(share);
    }

    public Optional<StoredKeyShare> share(byte[] groupId, long epoch) {
        return new JpaCoordinationRecords(em, clock).share(groupId, epoch);
    }

    public Optional<StoredKeyShare> latestShare(byte[] groupId, long atMost) {
        return new JpaCoordinationRecords(em, clock).latestShare(groupId, atMost);
    }

    public Optional<SealedSecret> secret(String purpose) {
        return new JpaCoordinationRecords(em, clock).secret(purpose);
    }

    public SealedSecret saveSecretIfAbsent(String purpose, SealedSecret s) {
        return new JpaCoordinationRecords(em, clock).saveSecretIfAbsent(purpose, s);
    }
}
