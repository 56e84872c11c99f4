/**
 * The peg's invariants checked at every new block of either chain: reads both chains' own figures, holds the books
 * against them with {@link io.synod.peg.domain.ledger.InvariantChecker} and records an alert for every difference.
 * Framework-free: driven by any timer or block event; never corrects anything.
 */
package io.synod.peg.application.invariants;
