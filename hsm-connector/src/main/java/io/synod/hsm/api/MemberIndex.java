package io.synod.hsm.api;

/** A member's 1-based index in the group (the x-coordinate of its share). */
public record MemberIndex(int value) {
    public MemberIndex {
        if (value < 1) {
            throw new HsmException(HsmFailure.INVALID_INPUT, "member index must be at least 1, was " + value);
        }
    }
}
