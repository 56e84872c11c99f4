package io.synod.threshold.reshare;

import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.sharing.IndexSet;

/**
 * A resharing session. Member indices are global identities: an index names the same member (and encryption
 * key) in the old and the new set. The session id must be fresh per epoch, so old-epoch messages are rejected.
 */
public record ReshareConfig(byte[] sessionId, GroupKey oldGroup, IndexSet dealers, IndexSet newMembers, int newT) {
    public ReshareConfig {
        int t = oldGroup.threshold();
        if (dealers.size() < 2 * t + 1) {
            throw new io.synod.threshold.ThresholdException("resharing needs at least 2t+1 current holders");
        }
        for (int d : dealers.indices()) {
            if (!oldGroup.members().contains(d)) {
                throw new io.synod.threshold.ThresholdException("dealer " + d + " holds no share");
            }
        }
        if (newT < 1 || newMembers.size() < 2 * newT + 1) {
            throw new io.synod.threshold.ThresholdException("new set needs n' >= 2t'+1");
        }
        sessionId = sessionId.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    public SessionContext dealingContext() {
        return new SessionContext(sessionId, newT, dealers, newMembers);
    }

    public SessionContext complaintContext() {
        return new SessionContext(sessionId, newT, newMembers, newMembers);
    }
}
