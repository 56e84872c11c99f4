package io.synod.shared.error;

/**
 * Stable, documented error codes. The code and its HTTP status are part of the public API: never
 * renumber or reuse one; add new ones at the end.
 */
public enum ErrorCode {
    INVALID_REQUEST(400, "The request is malformed"),
    IDEMPOTENCY_KEY_REQUIRED(400, "An Idempotency-Key header is required"),
    IDEMPOTENCY_KEY_REUSED(409, "The Idempotency-Key was already used with another request"),
    IDEMPOTENCY_IN_PROGRESS(409, "A request with this Idempotency-Key is still being processed"),
    NOT_FOUND(404, "No such resource"),
    CONFLICT(409, "The request conflicts with the current state"),
    NOT_AUTHENTICATED(401, "Authentication is required"),
    FORBIDDEN(403, "The caller's roles do not allow this"),
    UNAVAILABLE(503, "A dependency of this node is unavailable"),
    INTERNAL(500, "Internal error");

    private final int status;
    private final String title;

    ErrorCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem type URI, stable per code. */
    public String type() {
        return "https://synod.io/problems/" + name().toLowerCase().replace('_', '-');
    }
}
