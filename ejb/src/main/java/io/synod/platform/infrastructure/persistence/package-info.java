/** Runs the schema migrations before Hibernate validates the mapping against the database. */
package io.synod.platform.infrastructure.persistence;
