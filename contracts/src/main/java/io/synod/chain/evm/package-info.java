/**
 * The EVM sidechain through web3j: a client with EIP-1559 fees and local nonce management
 * ({@link io.synod.chain.evm.EvmClient}), Synod's contract deployment with its self-check
 * ({@link io.synod.chain.evm.SynodDeployment}), the EIP-712 digests the group and members sign
 * ({@link io.synod.chain.evm.Eip712}), and a log follower that accepts logs only from pinned contract addresses,
 * only once final, and detects reorganisations by block hash ({@link io.synod.chain.evm.LogFollower}).
 * The contract wrappers in {@code io.synod.chain.evm.contracts} are generated at build from the compiled Solidity.
 */
package io.synod.chain.evm;
