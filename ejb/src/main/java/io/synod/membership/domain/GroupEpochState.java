package io.synod.membership.domain;

/** A group epoch is FORMING during key generation or resharing, ACTIVE once its key signs, then RETIRED. */
public enum GroupEpochState {
    FORMING, ACTIVE, RETIRED
}
