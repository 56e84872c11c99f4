package io.synod.peg.domain.ledger;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A broken invariant as operators see it: the invariant, both figures and their difference, the block of either
 * chain at which it was found, and the evidence the figures were read from. An alert is raised once per distinct
 * difference and stays open until a later check finds the invariant holding again ({@code clearedAt}); nothing in
 * the books or on the chains is ever changed because of it.
 *
 * @param id        assigned by the {@link AlertLog} (0 before it is recorded)
 * @param block     where it was found, e.g. {@code bitcoin 1502 0f3a… / sidechain 88 0x51…}
 * @param clearedAt the block at which the invariant held again, if it has
 */
public record InvariantAlert(long id, InvariantChecker.Invariant invariant, long expected, long found, String detail,
        String block, String evidence, Instant raisedAt, Optional<String> clearedAt) {

    public InvariantAlert {
        Objects.requireNonNull(invariant, "invariant");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(clearedAt, "clearedAt");
    }

    public static InvariantAlert of(InvariantChecker.Violation v, String block, String evidence, Instant at) {
        return new InvariantAlert(0, v.invariant(), v.expected(), v.found(), v.detail(), block, evidence, at,
                Optional.empty());
    }

    /** found − expected: positive when the chain (or the assets) show more than the books. */
    public long difference() {
        return found - expected;
    }

    public boolean open() {
        return clearedAt.isEmpty();
    }

    /** Whether {@code v} is the difference this alert already reports. */
    public boolean reports(InvariantChecker.Violation v) {
        return v.invariant() == invariant && v.expected() == expected && v.found() == found;
    }
}
