package io.synod.peg.application.views;

import java.util.List;

import io.synod.peg.domain.ledger.InvariantAlert;

/**
 * What a custody desk sees of the peg on this node, for the REST API and the portal. Read-only; failures are
 * {@link io.synod.shared.error.SynodException}s (an unknown redemption is NOT_FOUND, a view whose source does not
 * run on this node is UNAVAILABLE).
 */
public interface PegViewService {

    RedemptionView redemption(long sequence);

    PegQueues queues();

    GuardSnapshot guard();

    /** The latest alerts, newest first; {@code limit} in 1..1000. */
    List<InvariantAlert> alerts(int limit);
}
