package io.synod.shared.domain;

/** A member's Shamir evaluation point within an epoch: never 0 (that would reveal the secret). */
public record MemberIndex(int value) {

    public MemberIndex {
        if (value < 1) {
            throw new IllegalArgumentException("member index must be at least 1, got " + value);
        }
    }
}
