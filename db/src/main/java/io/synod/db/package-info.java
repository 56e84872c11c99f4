/**
 * Owns the database schema: the versioned SQL migrations under {@code db/migration} and the
 * {@link io.synod.db.SchemaMigrator} that brings any empty or older database to the current version
 * before the application's persistence layer validates it.
 */
package io.synod.db;
