package io.synod.peg.infrastructure.node;

import jakarta.ejb.EJBException;

/** The store's own exception (a ledger key conflict, say) out of the container's wrapping, so callers see its type. */
final class Unwrapped {
    private Unwrapped() {
    }

    static RuntimeException of(EJBException e) {
        Throwable c = e.getCause() != null ? e.getCause() : e.getCausedByException();
        return c instanceof RuntimeException r ? r : e;
    }
}
