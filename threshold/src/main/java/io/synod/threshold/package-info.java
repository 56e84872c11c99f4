/**
 * Synod's framework-free threshold cryptography core: honest-majority threshold ECDSA on secp256k1
 * (dealerless key generation, presignatures, online signing, resharing, verifiable evidence).
 * BouncyCastle only; no I/O, no clock; randomness and transport are passed in by the caller.
 */
package io.synod.threshold;
