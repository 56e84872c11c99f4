/**
 * Peg-out, framework-free: the intake that follows {@code RedemptionRequested} events to finality and queues them,
 * the proposer that batches the queue under the withdrawal limits, has the group sign, broadcasts, bumps stuck
 * payouts by child-pays-for-parent, waits for confirmations and records completion on the sidechain, and the two
 * verifiers with which every member checks payout inputs and completions against its own view before signing.
 * The caller (an EJB timer, a test) decides when to step; nothing here keeps time or threads.
 */
package io.synod.peg.application.pegout;
