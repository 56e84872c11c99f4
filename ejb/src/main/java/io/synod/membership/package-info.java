/**
 * Membership bounded context: who belongs to the consensus group in which epoch, with which identity
 * key and which stake. Later issues add joining by stake, leaving and exclusion here.
 */
package io.synod.membership;
