package io.synod.membership.domain;

import java.util.function.UnaryOperator;

/**
 * How many board deadlines in a row a member may miss before the group reshares without it
 * ({@value #PROPERTY}, default {@value #DEFAULT}).
 */
public record MissedDeadlinePolicy(int maxInARow) {
    public static final String PROPERTY = "synod.group.max-missed-deadlines";
    public static final int DEFAULT = 3;

    public MissedDeadlinePolicy {
        if (maxInARow < 1) {
            throw new IllegalArgumentException(PROPERTY + " must be at least 1, not " + maxInARow);
        }
    }

    /** From settings such as {@code System::getProperty}; a value that is not a positive number is refused. */
    public static MissedDeadlinePolicy from(UnaryOperator<String> settings) {
        String v = settings.apply(PROPERTY);
        if (v == null || v.isBlank()) {
            return new MissedDeadlinePolicy(DEFAULT);
        }
        try {
            return new MissedDeadlinePolicy(Integer.parseInt(v.strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(PROPERTY + " is not a number: " + v, e);
        }
    }
}
