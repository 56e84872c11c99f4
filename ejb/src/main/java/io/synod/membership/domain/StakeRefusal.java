package io.synod.membership.domain;

import java.time.Instant;

import io.synod.shared.domain.Outpoint;

/** A refused stake: who offered it (identity address), the outpoint, the typed reason and the figures behind it. */
public record StakeRefusal(String candidate, Outpoint stake, StakeRefusalReason reason, String detail, Instant at) {
    public StakeRefusal {
        at = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // what PostgreSQL keeps
        candidate = candidate.toLowerCase(java.util.Locale.ROOT);
    }
}
