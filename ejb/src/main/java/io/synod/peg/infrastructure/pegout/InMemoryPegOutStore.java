package io.synod.peg.infrastructure.pegout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import io.synod.peg.domain.pegout.BatchState;
import io.synod.peg.domain.pegout.PayoutBatch;
import io.synod.peg.domain.pegout.PegOutStore;
import io.synod.peg.domain.pegout.RedemptionRequest;
import io.synod.peg.domain.pegout.RedemptionStatus;
import io.synod.peg.domain.pegout.TrackedRedemption;

/** {@link PegOutStore} in memory: for tests of the layers above and for members without a database. */
public final class InMemoryPegOutStore implements PegOutStore {

    private final TreeMap<Long, TrackedRedemption> redemptions = new TreeMap<>();
    /** Insertion order is creation order (ids are derived from txids). */
    private final java.util.LinkedHashMap<Long, PayoutBatch> batches = new java.util.LinkedHashMap<>();

    @Override
    public synchronized boolean addRequested(RedemptionRequest request) {
        TrackedRedemption known = redemptions.get(request.sequence());
        if (known != null) {
            if (!known.request().equals(request)) {
                throw new IllegalStateException("redemption " + request.sequence() + " is already recorded differently");
            }
            return false;
        }
        redemptions.put(request.sequence(), TrackedRedemption.requested(request));
        return true;
    }

    @Override
    public synchronized List<Long> dropRequestedIn(String sidechainBlockHash) {
        List<Long> dropped = new ArrayList<>();
        redemptions.values().removeIf(r -> {
            boolean drop = r.status() == RedemptionStatus.REQUESTED
                    && r.request().sidechainBlockHash().equals(sidechainBlockHash);
            if (drop) {
                dropped.add(r.sequence());
            }
            return drop;
        });
        return dropped;
    }

    @Override
    public synchronized Optional<TrackedRedemption> redemption(long sequence) {
        return Optional.ofNullable(redemptions.get(sequence));
    }

    @Override
    public synchronized List<TrackedRedemption> redemptions(Set<RedemptionStatus> statuses) {
        return redemptions.values().stream().filter(r -> statuses.contains(r.status())).toList();
    }

    @Override
    public synchronized void update(TrackedRedemption redemption) {
        TrackedRedemption known = redemptions.get(redemption.sequence());
        if (known == null || !known.request().equals(redemption.request())) {
            throw new IllegalStateException("no such redemption to update: " + redemption.sequence());
        }
        redemptions.put(redemption.sequence(), redemption);
    }

    @Override
    public synchronized long nextBatchId() {
        return batches.keySet().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
    }

    @Override
    public synchronized void saveBatch(PayoutBatch batch) {
        batches.put(batch.id(), batch);
    }

    @Override
    public synchronized Optional<PayoutBatch> batch(long id) {
        return Optional.ofNullable(batches.get(id));
    }

    @Override
    public synchronized List<PayoutBatch> batches(Set<BatchState> states) {
        return batches.values().stream().filter(b -> states.contains(b.state())).toList();
    }
}
