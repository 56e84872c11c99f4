package io.synod.membership.domain;

import java.util.Locale;

/** How many board deadlines in a row {@code member} has missed here (reset when it posts in time). */
public record DeadlineTally(String member, int index, int missedInARow) {
    public DeadlineTally {
        member = member.toLowerCase(Locale.ROOT);
        if (missedInARow < 0) {
            throw new IllegalArgumentException("missed count must not be negative");
        }
    }
}
