/** JPA entities of the peg context; every row carries its natural idempotency key as a unique constraint. */
package io.synod.peg.infrastructure.persistence;
