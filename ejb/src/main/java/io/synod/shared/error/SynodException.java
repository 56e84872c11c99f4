package io.synod.shared.error;

import java.util.Objects;

import jakarta.ejb.ApplicationException;

/**
 * A failure the caller can understand and act on. The detail names what was wrong and never carries
 * secrets. Marked as an application exception so the EJB container passes it through unwrapped and
 * rolls back the transaction.
 */
@ApplicationException(rollback = true)
public class SynodException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public SynodException(ErrorCode code, String detail) {
        super(detail);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
