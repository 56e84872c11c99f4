package io.synod.peg.domain.pegout;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where a member keeps its peg-out state: redemptions by sequence number (the natural key) and payout batches by id.
 * Each call is atomic. The proposer's batches and the batches a member approved as a verifier live here alike: a
 * redemption belongs to at most one batch, ever, which is what makes a second payout of it impossible.
 */
public interface PegOutStore {

    /**
     * Records a requested redemption once. @return false if this exact request was already there
     * @throws IllegalStateException if another request holds the sequence (two views of one event)
     */
    boolean addRequested(RedemptionRequest request);

    /** A sidechain block was orphaned: forgets the still-REQUESTED redemptions seen in it; returns them. */
    List<Long> dropRequestedIn(String sidechainBlockHash);

    Optional<TrackedRedemption> redemption(long sequence);

    /** In sequence order. */
    List<TrackedRedemption> redemptions(Set<RedemptionStatus> statuses);

    /** Replaces the redemption's tracking state (same request). */
    void update(TrackedRedemption redemption);

    long nextBatchId();

    /** Inserts or replaces the batch with this id. */
    void saveBatch(PayoutBatch batch);

    Optional<PayoutBatch> batch(long id);

    /**
     * In the order they were first saved (creation order): ids are derived from txids ({@link PayoutBatch#idFor}),
     * so they say nothing about age.
     */
    List<PayoutBatch> batches(Set<BatchState> states);
}
