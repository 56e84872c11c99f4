/** Membership adapters for the sidechain: the GroupRegistry contract as the {@code MembershipRegistry} port. */
package io.synod.membership.infrastructure.evm;
