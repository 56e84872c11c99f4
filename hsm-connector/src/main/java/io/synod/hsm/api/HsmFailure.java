package io.synod.hsm.api;

/** Why an HSM operation or check failed; each reason tells the operator what to look at. */
public enum HsmFailure {
    /** The PKCS#11 library file is missing or cannot be loaded. */
    LIBRARY_UNAVAILABLE(false),
    /** No token with the configured label is present in any slot. */
    TOKEN_NOT_FOUND(false),
    /** The token exists but has no user PIN set (not initialised for use). */
    TOKEN_NOT_INITIALISED(false),
    /** The PIN reference cannot be resolved (unset variable, unreadable file, unknown scheme). */
    PIN_UNAVAILABLE(false),
    /** The token rejected the PIN. */
    PIN_INCORRECT(false),
    /** The token locked the user PIN after too many failures; only the security officer can unlock it. */
    PIN_LOCKED(false),
    /** A key the member needs is not in the token (key ceremony not done, or wrong key label prefix). */
    KEY_MISSING(false),
    /** A sealed or addressed blob failed authentication: tampered, or presented in the wrong context. */
    AUTHENTICATION_FAILED(false),
    /** The caller passed malformed input (wrong digest length, non-canonical encoding). */
    INVALID_INPUT(false),
    /** The PKCS#11 session died under use; the connection is replaced, and the call may be retried. */
    SESSION_LOST(true),
    /** No pooled connection could be had (pool exhausted past its blocking timeout, or the container refused). */
    CONNECTION_UNAVAILABLE(true),
    /** The adapter is misconfigured or not started. */
    CONFIGURATION(false),
    /** Any other token error, with the PKCS#11 return code in the message. */
    DEVICE_ERROR(true);

    private final boolean retryable;

    HsmFailure(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether retrying the same call on a fresh connection may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
