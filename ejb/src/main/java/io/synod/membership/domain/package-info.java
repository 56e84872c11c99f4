/**
 * Membership domain: member statuses and read models, the member set of an epoch and the degree policy of
 * resharing, candidacies, stake policy and typed stake refusals, and the record of misbehaviour (convictions,
 * false accusations).
 */
package io.synod.membership.domain;
