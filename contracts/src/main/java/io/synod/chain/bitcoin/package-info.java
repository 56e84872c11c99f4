/**
 * The Bitcoin main chain: value types (satoshis, outpoints, heights, hashes), a JSON-RPC client for
 * bitcoind-compatible nodes (Bitcoin Core and bcoin), network parameters (including bcoin regtest's {@code rb}),
 * a chain follower that reports payments to watched scripts across reorganisations from a persisted cursor,
 * the payout builder (coin selection, batching, change, bounded fees, replace-by-fee, signing through a
 * {@link io.synod.chain.bitcoin.TransactionSigner} callback) and a broadcaster that proves acceptance.
 */
package io.synod.chain.bitcoin;
