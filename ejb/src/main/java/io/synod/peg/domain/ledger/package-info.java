/**
 * The double-entry ledger of the peg: every movement of value (deposit, mint, burn, payout, stake, confiscation,
 * fee) is one balanced entry, recorded once under its natural key (deposit outpoint, redemption sequence,
 * transaction id...) and only from chain evidence. Balances and the peg invariants are derived from the entries;
 * a broken invariant is reported, never corrected.
 */
package io.synod.peg.domain.ledger;
