/**
 * Group signing over the message board, one member's side: presigning sessions that keep an in-memory pool of
 * use-once presignatures topped up, signing sessions in which every member checks the proposed action with its own
 * verifier before contributing, evidence against wrong partial signatures, the {@link
 * io.synod.coordination.domain.signing.GroupSigning} port over it, and the liveness monitor fed by heartbeats.
 * Framework-free: an EJB timer, a thread or a test calls {@link io.synod.coordination.application.signing.SigningCoordinator#step()}.
 */
package io.synod.coordination.application.signing;
