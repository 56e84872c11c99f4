/**
 * Group signing over the message board, one member's side: presigning sessions that keep an in-memory pool of
 * use-once presignatures topped up, signing sessions in which every member checks the proposed action with its own
 * verifier before contributing, evidence against wrong partial signatures, the {@link
 * io.synod.coordination.domain.signing.GroupSigning} port over it, and the liveness monitor fed by heartbeats.
 * Other bounded contexts add the verifiers for their own action kinds through the {@link
 * io.synod.coordination.application.signing.VerifierSource} port: a CDI bean (or EJB local view) that receives the
 * member's {@link io.synod.coordination.application.signing.SigningContext} (epoch, roster, group key, its own
 * sidechain client and Bitcoin node, the recorded contracts) whenever the signing node opens the core, and returns
 * its {@link io.synod.coordination.domain.signing.ActionVerifier}s; one verifier per kind across all sources.
 * Framework-free: an EJB timer, a thread or a test calls {@link io.synod.coordination.application.signing.SigningCoordinator#step()}.
 */
package io.synod.coordination.application.signing;
