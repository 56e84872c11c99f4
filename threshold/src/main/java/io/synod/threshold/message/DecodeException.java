package io.synod.threshold.message;

/** The only exception a decoder throws; the reason is precise and the message never contains payload bytes. */
public final class DecodeException extends Exception {
    public enum Reason {
        NULL_INPUT, TRUNCATED, TRAILING_BYTES, UNSUPPORTED_VERSION, UNKNOWN_TYPE, WRONG_ROUND, WRONG_SESSION,
        INDEX_ZERO, INDEX_NOT_A_MEMBER, SCALAR_OUT_OF_RANGE, SCALAR_ZERO, POINT_AT_INFINITY, POINT_NOT_CANONICAL,
        POINT_NOT_ON_CURVE, WRONG_VECTOR_LENGTH, WRONG_CIPHERTEXT_LENGTH, BAD_SIGNATURE, WRONG_TYPE, WRONG_BATCH_SIZE,
        /** Defensive catch-all; the fuzz tests check that it is never reached. */
        MALFORMED
    }

    private final Reason reason;

    public DecodeException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
