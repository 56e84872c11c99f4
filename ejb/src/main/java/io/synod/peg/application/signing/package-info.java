/**
 * The group as the signer of the peg's Bitcoin transactions (sweeps, payouts, fee bumps): adapts group signing,
 * one checked action per input, to the transaction builders' signer interface.
 */
package io.synod.peg.application.signing;
