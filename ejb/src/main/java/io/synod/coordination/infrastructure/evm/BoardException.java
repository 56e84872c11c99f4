package io.synod.coordination.infrastructure.evm;

/** The sidechain refused or failed a board operation; the message carries the node's reason. */
public final class BoardException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BoardException(String message) {
        super(message);
    }

    public BoardException(String message, Throwable cause) {
        super(message, cause);
    }
}
