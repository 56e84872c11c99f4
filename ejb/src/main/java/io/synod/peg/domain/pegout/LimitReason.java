package io.synod.peg.domain.pegout;

/** Why a final redemption waits. Stored by name: never rename one. */
public enum LimitReason {
    NONE,
    /** Paying it now would exceed the rolling cap of the current window; it is paid when the window allows. */
    ROLLING_CAP,
    /** Above the per-redemption maximum: set aside (never dropped) until an operator releases it. */
    OVER_MAXIMUM
}
