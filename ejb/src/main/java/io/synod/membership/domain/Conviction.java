package io.synod.membership.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import io.synod.shared.domain.SessionId;
import io.synod.threshold.math.Hashing;

/**
 * A member proven guilty by evidence this member verified itself: who, in which session, of what, with the
 * evidence as it was posted (the signed envelopes), so an operator or another member can check it again later.
 * Identified by culprit and evidence hash: the same evidence brought twice is one conviction.
 */
public record Conviction(String culprit, int culpritIndex, SessionId session, String evidenceKind, byte[] evidence,
        String detail, Instant at) {
    public Conviction {
        at = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // what PostgreSQL keeps
        culprit = culprit.toLowerCase(Locale.ROOT);
        if (evidence == null || evidence.length == 0) {
            throw new IllegalArgumentException("a conviction keeps the evidence it rests on");
        }
        evidence = evidence.clone();
    }

    @Override
    public byte[] evidence() {
        return evidence.clone();
    }

    /** H(evidence): with the culprit, the conviction's natural key. */
    public byte[] evidenceHash() {
        return hashOf(evidence);
    }

    public static byte[] hashOf(byte[] evidence) {
        return Hashing.hash("SYNOD/membership/evidence/v1", evidence);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Conviction c && c.culprit.equals(culprit) && c.culpritIndex == culpritIndex
                && c.session.equals(session) && c.evidenceKind.equals(evidenceKind) && Arrays.equals(c.evidence, evidence)
                && c.detail.equals(detail) && c.at.equals(at);
    }

    @Override
    public int hashCode() {
        return culprit.hashCode() * 31 + Arrays.hashCode(evidence);
    }
}
