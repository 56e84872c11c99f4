/**
 * What the group may sign and how each member checks it before contributing. An action (a mint, a payout
 * input, a heartbeat...) travels on the message board in its canonical encoding; every member decodes it with
 * its own {@link io.synod.coordination.domain.signing.ActionVerifier}, recomputes the digest from the action and
 * its own view of both chains, and contributes only to that digest. No member ever signs a digest it was handed.
 */
package io.synod.coordination.domain.signing;
