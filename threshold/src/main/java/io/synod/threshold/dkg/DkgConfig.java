package io.synod.threshold.dkg;

import io.synod.threshold.message.SessionContext;
import io.synod.threshold.sharing.IndexSet;

/** Session id, members and degree t; honest majority requires n ≥ 2t+1. */
public record DkgConfig(byte[] sessionId, IndexSet members, int t) {
    public DkgConfig {
        if (sessionId.length != 32) {
            throw new IllegalArgumentException("session id must be 32 bytes");
        }
        if (t < 1 || members.size() < 2 * t + 1) {
            throw new io.synod.threshold.ThresholdException("need n >= 2t+1 and t >= 1");
        }
        sessionId = sessionId.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    public SessionContext context() {
        return new SessionContext(sessionId, t, members, members);
    }
}
