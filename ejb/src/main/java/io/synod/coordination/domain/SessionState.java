package io.synod.coordination.domain;

/** A session is OPEN until it completes or aborts; both are final. */
public enum SessionState {
    OPEN, COMPLETED, ABORTED
}
