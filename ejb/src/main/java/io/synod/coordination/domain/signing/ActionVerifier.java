package io.synod.coordination.domain.signing;

/**
 * One member's independent check of one kind of action. It decodes the canonical bytes strictly, checks the
 * action against this member's own view of both chains and policies, and recomputes the digest from the action
 * itself. A member registers one verifier per kind it will sign; an action of a kind with no verifier is refused.
 */
public interface ActionVerifier {

    ActionKind kind();

    /** Decodes and checks the action; returns the digest (and tweak) this member is willing to sign for it. */
    SigningTarget approve(byte[] encodedAction) throws ActionRefused;
}
