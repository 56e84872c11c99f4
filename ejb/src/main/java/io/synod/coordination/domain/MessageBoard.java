package io.synod.coordination.domain;

import io.synod.shared.domain.SessionId;
/**
 * The group's broadcast channel: one ordered log every member reads alike. Posting is authenticated by the
 * poster's identity key (the adapter signs for the board); the payload itself is opaque here and is checked by
 * the reader, never trusted because the board accepted it.
 */
public interface MessageBoard {

    /** Posts a payload for everyone in a session round; returns the board's sequence number. */
    long post(SessionId session, int round, byte[] payload);

    /** The session's entries from the cursor up to the current head, in board order. */
    BoardRead read(SessionId session, BoardCursor from);

    /** The current head block, the clock round deadlines are measured in. */
    long headBlock();

    /**
     * The timestamp (seconds) of a mined block, the same for every reader: bounds round deadlines in chain time
     * where blocks alone are not a clock (a chain mining a block per transaction).
     */
    long blockTime(long block);
}
