/**
 * Resharing over the message board: the session a join, a leave or an exclusion runs (who deals, who receives,
 * the new degree by policy) and each participant's coordinator. The group key, and so the Bitcoin address, never
 * changes; every receiver checks it.
 */
package io.synod.coordination.application.reshare;
