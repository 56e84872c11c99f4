package io.synod.threshold.message;

import io.synod.threshold.sharing.IndexSet;

/**
 * What a decoder must know to reject a message before storage: the session id (a message replayed from another
 * session or epoch carries another id), the polynomial degree (vectors have exactly degree+1 entries), who may
 * send, who receives private payloads, and how many presignatures one presigning session makes (batch).
 */
public record SessionContext(byte[] sessionId, int degree, IndexSet senders, IndexSet recipients, int batch) {
    public static final int MAX_BATCH = 256;

    public SessionContext {
        if (sessionId.length != 32) {
            throw new IllegalArgumentException("session id must be 32 bytes");
        }
        if (batch < 1 || batch > MAX_BATCH) {
            throw new IllegalArgumentException("batch size must be in 1.." + MAX_BATCH);
        }
        sessionId = sessionId.clone();
    }

    /** A session that is not batched (batch size 1). */
    public SessionContext(byte[] sessionId, int degree, IndexSet senders, IndexSet recipients) {
        this(sessionId, degree, senders, recipients, 1);
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }
}
