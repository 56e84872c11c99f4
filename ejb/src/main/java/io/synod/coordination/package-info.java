/**
 * Coordination bounded context: protocol sessions (key generation, resharing, presigning, signing,
 * heartbeat) driven by the sidechain message board, persisted so a restarted member resumes them.
 */
package io.synod.coordination;
