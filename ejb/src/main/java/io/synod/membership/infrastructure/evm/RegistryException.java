package io.synod.membership.infrastructure.evm;

/** The registry refused (reverted) or could not be reached; the message carries the node's reason. */
public final class RegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
