/** JPA mapping of the append-only audit table. */
package io.synod.audit.infrastructure.persistence;
