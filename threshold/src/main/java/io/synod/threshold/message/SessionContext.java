package io.synod.threshold.message;

import io.synod.threshold.sharing.IndexSet;

/**
 * What a decoder must know to reject a message before storage: the session id (a message replayed from another
 * session or epoch carries another id), the polynomial degree (vectors have exactly degree+1 entries), who may
 * send and who receives private payloads.
 */
public record SessionContext(byte[] sessionId, int degree, IndexSet senders, IndexSet recipients) {
    public SessionContext {
        if (sessionId.length != 32) {
            throw new IllegalArgumentException("session id must be 32 bytes");
        }
        sessionId = sessionId.clone();
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }
}
