package io.synod.threshold.presign;

import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.sharing.IndexSet;

/** A presignature session: its id, at least 2t+1 signers (members of the group), the group key, batch size B. */
public record PresignConfig(byte[] sessionId, IndexSet signers, GroupKey group, int batch) {
    public PresignConfig(byte[] sessionId, IndexSet signers, GroupKey group) {
        this(sessionId, signers, group, 1);
    }

    public PresignConfig {
        if (batch < 1 || batch > SessionContext.MAX_BATCH) {
            throw new io.synod.threshold.ThresholdException("batch size out of range");
        }
        int t = group.threshold();
        if (signers.size() < 2 * t + 1) {
            throw new io.synod.threshold.ThresholdException("presigning needs at least 2t+1 signers");
        }
        for (int s : signers.indices()) {
            if (!group.members().contains(s)) {
                throw new io.synod.threshold.ThresholdException("signer " + s + " is not a group member");
            }
        }
        sessionId = sessionId.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    public SessionContext context() {
        return new SessionContext(sessionId, group.threshold(), signers, signers, batch);
    }
}
