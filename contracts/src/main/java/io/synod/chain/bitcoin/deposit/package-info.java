/**
 * Peg-in deposits on Bitcoin: the per-deposit P2WSH script that commits to the sidechain recipient and a nonce,
 * pays to the group key and lets the depositor alone take the coins back after an absolute block height
 * ({@link io.synod.chain.bitcoin.deposit.DepositScript}, with its canonical parser); the group's sweep of many
 * deposits into its main output ({@link io.synod.chain.bitcoin.deposit.DepositSweep}); the depositor's refund
 * ({@link io.synod.chain.bitcoin.deposit.DepositRefund}); and the margin rule that decides whether a deposit may
 * still be minted and swept before its refund opens ({@link io.synod.chain.bitcoin.deposit.SweepMargin}).
 * Chain access and broadcasting stay in {@code io.synod.chain.bitcoin}.
 */
package io.synod.chain.bitcoin.deposit;
