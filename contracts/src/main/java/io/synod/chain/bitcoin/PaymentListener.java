package io.synod.chain.bitcoin;

/**
 * Receives what a {@link ChainFollower} poll found. Calls happen before the cursor is saved: a consumer that
 * records them in the same transaction as the {@link io.synod.chain.CursorStore} sees each event exactly once.
 */
public interface PaymentListener {

    /** {@code payment} reached the required confirmations; called once per payment. */
    void confirmed(Payment payment, int confirmations);

    /** A payment reported earlier (pending or confirmed) is no longer in the best chain. */
    default void rolledBack(Payment payment, boolean wasReportedConfirmed) {
    }
}
