package io.synod.hsm.api;

/**
 * A failed HSM operation. The message is written for an operator: what is wrong and, for configuration faults,
 * which setting to change. It never contains a PIN, key material or plaintext.
 */
public class HsmException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final HsmFailure failure;

    public HsmException(HsmFailure failure, String message) {
        super(message);
        this.failure = failure;
    }

    public HsmException(HsmFailure failure, String message, Throwable cause) {
        super(message, cause);
        this.failure = failure;
    }

    public HsmFailure failure() {
        return failure;
    }

    public boolean retryable() {
        return failure.retryable();
    }

    @Override
    public String toString() {
        return "HsmException[" + failure + "]: " + getMessage();
    }
}
