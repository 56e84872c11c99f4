package io.synod.coordination.domain;

/** The protocol a session runs. */
public enum SessionKind {
    KEYGEN, RESHARE, PRESIGN, SIGN, HEARTBEAT
}
