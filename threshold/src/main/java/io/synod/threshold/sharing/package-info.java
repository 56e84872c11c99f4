/**
 * Shamir sharing vocabulary: validated member indices and signer sets, and checks of shares against
 * Feldman / Pedersen commitment vectors of exactly t+1 entries.
 */
package io.synod.threshold.sharing;
