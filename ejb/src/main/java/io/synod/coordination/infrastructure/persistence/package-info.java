/**
 * Persistence of the coordination context (JPA over the Flyway schema, V2__coordination.sql): session
 * checkpoints with their seeds sealed ({@link io.synod.coordination.infrastructure.persistence.JpaSessionStore}),
 * board cursors, sealed key shares and sealed node secrets. These classes run in the caller's transaction and
 * know nothing of the container; secrets reach them only already sealed, or are sealed through a port.
 */
package io.synod.coordination.infrastructure.persistence;
