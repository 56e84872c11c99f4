/**
 * Local chains for tests and {@code ./synod run}: {@link io.synod.chain.devnet.Devnet} starts bcoin (regtest, in
 * memory, transaction and address indexes on) and anvil from the project's pinned npm packages on free 127.0.0.1
 * ports, waits until both answer, mines bcoin past the heights where its regtest enforces segwit and CLTV, and
 * stops both by PID (also leftovers of a killed run, found through pidfiles).
 */
package io.synod.chain.devnet;
