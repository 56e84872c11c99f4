/**
 * Self-contained proofs of misbehaviour that anyone can check without trusting the accuser, each naming the
 * culprit: invalid share (with the complainer's DLEQ-proven decryption), equivocation (two signed messages for
 * one slot), invalid product share, invalid partial signature.
 */
package io.synod.threshold.evidence;
