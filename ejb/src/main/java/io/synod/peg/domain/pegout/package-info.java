/**
 * Peg-out in the domain's terms: a redemption burned on the sidechain (keyed by its sequence number), the status a
 * user follows, the withdrawal limits and their visible queue, payout batches and the deterministic payout
 * transaction every member recomputes, and the actions the group signs for them. No framework, no I/O: the chains
 * are reached through the ports declared here.
 */
package io.synod.peg.domain.pegout;
