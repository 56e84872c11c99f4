/** Peg domain: the life-cycle states of deposits, mints and redemptions. */
package io.synod.peg.domain;
