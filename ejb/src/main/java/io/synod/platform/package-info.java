/**
 * Platform concerns shared by every bounded context: node status, health, idempotent execution of
 * state-changing calls, schema migration at start-up, the clock.
 */
package io.synod.platform;
