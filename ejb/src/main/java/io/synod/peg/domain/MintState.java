package io.synod.peg.domain;

/** A mint's state on the sidechain. */
public enum MintState {
    AUTHORISING, SUBMITTED, MINED, FINAL
}
