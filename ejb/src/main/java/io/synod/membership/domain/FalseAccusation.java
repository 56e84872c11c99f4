package io.synod.membership.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;

import io.synod.shared.domain.SessionId;

/**
 * An accusation whose evidence did not hold: the accuser is recorded with the accusation it brought (the posted
 * evidence bytes, or the complaint as posted), the accused is untouched. One per accuser, session and accused.
 */
public record FalseAccusation(String accuser, int accuserIndex, int accused, SessionId session, byte[] accusation,
        String reason, Instant at) {
    public FalseAccusation {
        at = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // what PostgreSQL keeps
        accuser = accuser.toLowerCase(Locale.ROOT);
        accusation = accusation.clone();
    }

    @Override
    public byte[] accusation() {
        return accusation.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FalseAccusation f && f.accuser.equals(accuser) && f.accuserIndex == accuserIndex
                && f.accused == accused && f.session.equals(session) && Arrays.equals(f.accusation, accusation)
                && f.reason.equals(reason) && f.at.equals(at);
    }

    @Override
    public int hashCode() {
        return accuser.hashCode() * 31 + session.hashCode() + accused;
    }
}
