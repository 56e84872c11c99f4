package io.synod.coordination.domain.signing;

import java.util.function.Function;

/**
 * One member's independent check of one kind of action. It decodes the canonical bytes strictly, checks the
 * action against this member's own view of both chains and policies, and recomputes the digest from the action
 * itself. A member registers one verifier per kind it will sign; an action of a kind with no verifier is refused.
 */
public interface ActionVerifier {

    ActionKind kind();

    /** Decodes and checks the action; returns the digest (and tweak) this member is willing to sign for it. */
    SigningTarget approve(byte[] encodedAction) throws ActionRefused;

    /** A refusal of this verifier's kind, for {@code throw refuse(...)} and {@code orElseThrow(() -> refuse(...))}. */
    default ActionRefused refuse(String reason) {
        return new ActionRefused(kind(), reason);
    }

    /**
     * Strict decoding as every verifier does it: {@code decoder} applied to {@code encoded}; any failure of the
     * decoder (a wrong length, a non-canonical field, a transaction that does not parse) is a refusal naming it,
     * never an exception that escapes the check.
     */
    static <I, T> T decodeOrRefuse(ActionKind kind, I encoded, Function<? super I, ? extends T> decoder)
            throws ActionRefused {
        try {
            return decoder.apply(encoded);
        } catch (RuntimeException e) {
            throw new ActionRefused(kind, "does not decode: " + e.getMessage());
        }
    }
}
