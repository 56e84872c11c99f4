/** JPA entities of the coordination context. */
package io.synod.coordination.infrastructure.persistence;
