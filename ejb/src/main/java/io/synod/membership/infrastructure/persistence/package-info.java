/** JPA entities of the membership context; converted to domain records at the repository boundary. */
package io.synod.membership.infrastructure.persistence;
