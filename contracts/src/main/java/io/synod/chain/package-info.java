/**
 * Synod's adapters to its two chains: {@code bitcoin} (the proof-of-work main chain, over bitcoind-compatible
 * JSON-RPC), {@code evm} (the sidechain holding Synod's contracts, over web3j) and {@code devnet} (local bcoin and
 * anvil nodes for tests and {@code ./synod run}). This package holds what both adapters share: the persisted
 * cursor abstraction that lets a follower resume after a restart without missing or repeating a block.
 */
package io.synod.chain;
