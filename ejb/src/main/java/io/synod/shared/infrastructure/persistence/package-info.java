/** Persistence conventions shared by the entities of every bounded context. */
package io.synod.shared.infrastructure.persistence;
