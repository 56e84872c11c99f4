package io.synod.peg.application.internal;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.synod.coordination.application.signing.SigningContext;

/**
 * What the peg's beans share in one server: the member's latest signing context (handed over by the signing node
 * through {@link PegVerifierSource}) and the peg runtime built on it once the group is ready.
 */
@ApplicationScoped
public class PegNodeState {

    private volatile SigningContext context;
    private volatile PegRuntime runtime;

    void context(SigningContext c) {
        context = c;
    }

    Optional<SigningContext> context() {
        return Optional.ofNullable(context);
    }

    void runtime(PegRuntime r) {
        runtime = r;
    }

    Optional<PegRuntime> runtime() {
        return Optional.ofNullable(runtime);
    }
}
