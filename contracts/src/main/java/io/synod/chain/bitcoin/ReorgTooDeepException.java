package io.synod.chain.bitcoin;

/** The best chain no longer contains any block of the follower's window: its state cannot be rolled back safely. */
public class ReorgTooDeepException extends IllegalStateException {

    public ReorgTooDeepException(String message) {
        super(message);
    }
}
