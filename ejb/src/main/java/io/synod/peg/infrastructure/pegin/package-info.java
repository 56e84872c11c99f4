/** Peg-in adapters: the sidechain side of the peg-in (reveals, isMinted, mint submission) over web3j. */
package io.synod.peg.infrastructure.pegin;
