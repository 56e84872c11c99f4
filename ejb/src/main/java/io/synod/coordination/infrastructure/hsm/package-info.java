/**
 * The coordination context's use of the member's HSM: its identity key signing envelopes and board posts
 * ({@link io.synod.coordination.infrastructure.hsm.HsmIdentity}), session seeds and key shares sealed under the
 * token's non-extractable key, and the node secrets the connector cannot yet hold as token objects (the DKG's
 * ECIES key, the board gas key), kept sealed and opened only in memory.
 */
package io.synod.coordination.infrastructure.hsm;
