package io.synod.coordination.infrastructure.persistence;

import java.time.Clock;
import java.util.Optional;

import jakarta.persistence.EntityManager;

/**
 * The node runtime's other rows, over the caller's transaction: board cursors (progress), sealed key shares
 * (written once per group epoch) and sealed node secrets (written once per purpose).
 */
public final class JpaCoordinationRecords {
    private final EntityManager em;
    private final Clock clock;

    public JpaCoordinationRecords(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** Moves a reader's cursor forward (never back) and records the head it saw. */
    public void advanceCursor(String reader, String boardAddress, long nextBlock, long headBlock) {
        BoardCursorEntity row = em.find(BoardCursorEntity.class, reader);
        if (row == null) {
            row = new BoardCursorEntity(reader, boardAddress, clock.instant());
            row.advance(nextBlock, headBlock, clock.instant());
            em.persist(row);
        } else {
            if (!row.boardAddress().equals(boardAddress)) {
                throw new IllegalStateException("reader " + reader + " follows board " + row.boardAddress());
            }
            row.advance(nextBlock, headBlock, clock.instant());
        }
    }

    /** Where a reader's next read starts, if it ever read (and from which board). */
    public Optional<Long> nextBlock(String reader, String boardAddress) {
        return Optional.ofNullable(em.find(BoardCursorEntity.class, reader))
                .filter(r -> r.boardAddress().equals(boardAddress)).map(BoardCursorEntity::nextBlock);
    }

    /** The head block a reader last saw, if it ever read. */
    public Optional<Long> headSeen(String reader) {
        return Optional.ofNullable(em.find(BoardCursorEntity.class, reader)).map(BoardCursorEntity::headBlock);
    }

    /**
     * Stores a member's sealed share of an epoch. A session resumed after a crash between sealing its share and
     * marking itself done derives the same share again: with the same public outcome (member, threshold, group key,
     * commitments, members) that is the share already stored (the commitments fix x_i·G), so the first sealed blob
     * is kept and the call succeeds. A share with another public outcome for the same epoch is refused.
     */
    public void saveShare(StoredKeyShare share) {
        SealedKeyShareEntity prior = em.find(SealedKeyShareEntity.class,
                new SealedKeyShareEntity.Key(share.groupId(), share.epoch()));
        if (prior != null) {
            if (samePublicOutcome(prior.toStored(), share)) {
                return;
            }
            throw new IllegalStateException("a share of epoch " + share.epoch() + " is already stored for this group");
        }
        em.persist(new SealedKeyShareEntity(share, clock.instant()));
        em.flush();
    }

    private static boolean samePublicOutcome(StoredKeyShare a, StoredKeyShare b) {
        return a.memberIndex() == b.memberIndex() && a.threshold() == b.threshold()
                && java.util.Arrays.equals(a.groupPublicKey(), b.groupPublicKey())
                && java.util.Arrays.equals(a.commitments(), b.commitments()) && a.members().equals(b.members());
    }

    public Optional<StoredKeyShare> share(byte[] groupId, long epoch) {
        return Optional.ofNullable(em.find(SealedKeyShareEntity.class, new SealedKeyShareEntity.Key(groupId, epoch)))
                .map(SealedKeyShareEntity::toStored);
    }

    /**
     * This member's newest share of the group up to registry epoch {@code atMost}: a share of epoch e serves every
     * registry epoch from e until the next resharing (epoch 2 only recorded the founders' stakes).
     */
    public Optional<StoredKeyShare> latestShare(byte[] groupId, long atMost) {
        return em.createQuery("SELECT s FROM SealedKeyShareEntity s WHERE s.groupId = :g AND s.epoch <= :e"
                + " ORDER BY s.epoch DESC", SealedKeyShareEntity.class).setParameter("g", groupId)
                .setParameter("e", atMost).setMaxResults(1).getResultStream().findFirst()
                .map(SealedKeyShareEntity::toStored);
    }

    /** A node secret's public half and sealed blob. */
    public record SealedSecret(byte[] publicKey, byte[] sealed) {
        public SealedSecret {
            publicKey = publicKey.clone();
            sealed = sealed.clone();
        }

        @Override
        public String toString() {
            return "SealedSecret[" + publicKey.length + "-byte public key, sealed]";
        }
    }

    public Optional<SealedSecret> secret(String purpose) {
        return Optional.ofNullable(em.find(NodeSecretEntity.class, purpose))
                .map(r -> new SealedSecret(r.publicKey(), r.sealedSecret()));
    }

    /** Stores a node secret once; an existing one wins (two racing starts keep the first). */
    public SealedSecret saveSecretIfAbsent(String purpose, SealedSecret secret) {
        Optional<SealedSecret> prior = secret(purpose);
        if (prior.isPresent()) {
            return prior.get();
        }
        em.persist(new NodeSecretEntity(purpose, secret.publicKey(), secret.sealed(), clock.instant()));
        em.flush();
        return secret;
    }
}
