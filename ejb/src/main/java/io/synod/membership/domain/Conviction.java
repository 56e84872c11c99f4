package io.synod.membership.domain;

import java.time.Instant;
import java.util.Locale;

import io.synod.shared.domain.SessionId;

/** A member proven guilty by evidence this member verified itself: who, in which session, of what. */
public record Conviction(String culprit, int culpritIndex, SessionId session, String evidenceKind, String detail,
        Instant at) {
    public Conviction {
        culprit = culprit.toLowerCase(Locale.ROOT);
    }
}
