/**
 * The adapters the peg runtime of a Synod server runs on: per-call transactional views of the JPA deposit book and
 * ledger, the stakes recorded in the group's registry (booked in the ledger and fed to the one-way-bet guard), and
 * the group's coins less those stakes (payouts never spend a member's stake outpoint).
 */
package io.synod.peg.infrastructure.node;
