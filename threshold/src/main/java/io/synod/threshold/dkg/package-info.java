/**
 * Dealerless key generation (GJKR style): Pedersen-committed JVRSS, complaints judged from public evidence,
 * the qualified set, then Feldman commitments that reveal the group public key; the resulting public
 * {@link io.synod.threshold.dkg.GroupKey} and each member's secret {@link io.synod.threshold.dkg.KeyShare}.
 */
package io.synod.threshold.dkg;
