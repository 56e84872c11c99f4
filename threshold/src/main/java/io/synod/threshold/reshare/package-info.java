/**
 * Resharing: at least 2t+1 current holders deal Feldman-committed sub-shares of their shares to a new member set
 * with a new degree t'; the new shares interpolate the same secret, so the group key is unchanged, while old
 * and new shares lie on unrelated polynomials. Refresh is the same set with a new session.
 */
package io.synod.threshold.reshare;
