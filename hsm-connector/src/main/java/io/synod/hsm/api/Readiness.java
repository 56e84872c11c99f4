package io.synod.hsm.api;

import java.util.Optional;

/**
 * What a readiness probe reports: ready, or not ready with the failure and the operator message.
 *
 * @param ready   whether the token is reachable, logged in and holds the member's keys
 * @param failure why not, when not ready
 * @param detail  operator-readable description (no secrets)
 */
public record Readiness(boolean ready, Optional<HsmFailure> failure, String detail) {

    public static Readiness up(String detail) {
        return new Readiness(true, Optional.empty(), detail);
    }

    public static Readiness down(HsmException cause) {
        return new Readiness(false, Optional.of(cause.failure()), cause.getMessage());
    }
}
