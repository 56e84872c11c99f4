/** Producers of platform resources (clock) and the schema migration hook. */
package io.synod.platform.infrastructure;
