/**
 * Peg-in domain: revealed deposit scripts, the life of one deposit outpoint from its confirmation to its mint and
 * sweep ({@link io.synod.peg.domain.pegin.PegInDeposit}, keyed by outpoint), the qualification policy, the
 * one-way-bet guard, and the signable actions (mint, sweep input) every member checks for itself.
 */
package io.synod.peg.domain.pegin;
