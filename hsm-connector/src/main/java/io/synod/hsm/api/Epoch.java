package io.synod.hsm.api;

/** The group's key epoch: incremented by every resharing, so shares of different epochs never mix. */
public record Epoch(long value) {
    public Epoch {
        if (value < 0) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "epoch must not be negative, was " + value);
        }
    }
}
