/**
 * Encryption of private shares to their recipient (ECIES: secp256k1 ECDH, HKDF-SHA256, AES-256-GCM with the
 * session id, round, sender and recipient as associated data) and Chaum–Pedersen DLEQ proofs, which let a
 * recipient prove what it decrypted without revealing its key.
 */
package io.synod.threshold.ecies;
