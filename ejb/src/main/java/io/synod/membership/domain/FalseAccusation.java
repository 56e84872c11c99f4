package io.synod.membership.domain;

import java.time.Instant;
import java.util.Locale;

import io.synod.shared.domain.SessionId;

/** An accusation whose evidence did not hold: the accuser is recorded, the accused is untouched. */
public record FalseAccusation(String accuser, int accuserIndex, int accused, SessionId session, String reason,
        Instant at) {
    public FalseAccusation {
        accuser = accuser.toLowerCase(Locale.ROOT);
    }
}
