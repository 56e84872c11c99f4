/** Audit bounded context: the append-only, hash-chained record of every state change and who made it. */
package io.synod.audit;
