package io.synod.membership.domain;

import java.time.Instant;
import java.util.Locale;

/**
 * This member's decision that {@code member} (identity address, permanent index) is to be left out of the next
 * epoch. One per member: a decision taken is never taken again, even after a restart.
 */
public record Exclusion(String member, int index, ExclusionCause cause, String detail, Instant at) {
    public Exclusion {
        at = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // what PostgreSQL keeps
        if (member == null || !member.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("member must be an address");
        }
        if (index < 1) {
            throw new IllegalArgumentException("member index must be positive");
        }
        member = member.toLowerCase(Locale.ROOT);
    }
}
