/**
 * JPA entities of the membership context (members, epochs, and the decisions of the membership book: stake
 * refusals, convictions, false accusations, exclusions, confiscations, missed-deadline tallies) and
 * {@code JpaMembershipBook}; entities are converted to domain records at this boundary.
 */
package io.synod.membership.infrastructure.persistence;
