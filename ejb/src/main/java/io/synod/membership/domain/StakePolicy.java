package io.synod.membership.domain;

import io.synod.shared.domain.Satoshis;

/** What a stake must be to admit a member: at least {@code minimum}, buried under {@code confirmations} blocks. */
public record StakePolicy(Satoshis minimum, int confirmations) {
    public StakePolicy {
        if (minimum == null || minimum.value() <= 0) {
            throw new IllegalArgumentException("minimum stake must be positive");
        }
        if (confirmations < 1) {
            throw new IllegalArgumentException("a stake needs at least one confirmation");
        }
    }
}
