/** Adapters of the invariant watcher: the wrapped supply read at a block, the group's coins on bcoin, the alert log in PostgreSQL. */
package io.synod.peg.infrastructure.invariants;
