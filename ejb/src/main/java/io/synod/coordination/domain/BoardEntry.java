package io.synod.coordination.domain;

import io.synod.shared.domain.SessionId;
import java.util.Locale;

/**
 * One message as the board ordered it: its block and position, the board's sequence number, the sender address
 * the board authenticated (its EIP-712 signature recovered to an active member), the round and the raw payload.
 * Nothing in the payload has been checked yet.
 */
public record BoardEntry(SessionId session, long block, long logIndex, long sequence, String sender, int round,
        byte[] payload) {
    public BoardEntry {
        sender = sender.toLowerCase(Locale.ROOT);
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
