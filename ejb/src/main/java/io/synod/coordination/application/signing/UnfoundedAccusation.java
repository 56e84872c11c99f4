package io.synod.coordination.application.signing;

import java.util.Arrays;

import io.synod.shared.domain.SessionId;

/**
 * Evidence of an invalid partial signature posted on the board that did not hold here: the accuser, the member it
 * named, the board sequence of the accused's partial it cited, the evidence frame as posted (identity-signed by the
 * accuser, so the accusation is attributable) and why it failed.
 */
public record UnfoundedAccusation(SessionId session, int accuser, int accused, long sequence, byte[] frame,
        String reason) {
    public UnfoundedAccusation {
        frame = frame.clone();
    }

    @Override
    public byte[] frame() {
        return frame.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnfoundedAccusation u && u.session.equals(session) && u.accuser == accuser
                && u.accused == accused && u.sequence == sequence && Arrays.equals(u.frame, frame)
                && u.reason.equals(reason);
    }

    @Override
    public int hashCode() {
        return session.hashCode() * 31 + accuser * 7 + accused;
    }
}
