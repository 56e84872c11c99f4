/**
 * Peg bounded context: deposits on Bitcoin and the mints they authorise on the sidechain, redemptions
 * on the sidechain and the Bitcoin payouts that settle them, and the ledger that accounts for both.
 */
package io.synod.peg;
