/**
 * Chain tips for the node status, read over each node's JSON-RPC (Bitcoin {@code getblockcount}, EVM
 * {@code eth_blockNumber}). A chain whose endpoint is not configured, or does not answer, is simply not shown.
 */
package io.synod.platform.infrastructure.chain;
