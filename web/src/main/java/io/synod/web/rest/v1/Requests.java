package io.synod.web.rest.v1;

import java.util.function.Supplier;

import io.synod.shared.error.ErrorCode;
import io.synod.shared.error.SynodException;

/** Turns malformed wire values into INVALID_REQUEST problems that name the field. */
final class Requests {

    private Requests() {
    }

    static <T> T required(T value, String what) {
        if (value == null) {
            throw new SynodException(ErrorCode.INVALID_REQUEST, what + " is missing");
        }
        return value;
    }

    static <T> T parse(String field, Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new SynodException(ErrorCode.INVALID_REQUEST, field + ": " + e.getMessage());
        }
    }
}
