package io.synod.coordination.application.internal;

import io.synod.coordination.domain.BoardCursor;
import io.synod.coordination.domain.BoardRead;
import io.synod.coordination.domain.MessageBoard;
import io.synod.shared.domain.SessionId;

/** Passes everything to the board and remembers where the last read ended, for the persisted cursor and status. */
final class ProgressBoard implements MessageBoard {
    private final MessageBoard board;
    private volatile long nextBlock;
    private volatile long headBlock;

    ProgressBoard(MessageBoard board) {
        this.board = board;
    }

    @Override
    public long post(SessionId session, int round, byte[] payload) {
        return board.post(session, round, payload);
    }

    @Override
    public BoardRead read(SessionId session, BoardCursor from) {
        BoardRead r = board.read(session, from);
        nextBlock = r.next().nextBlock();
        headBlock = r.headBlock();
        return r;
    }

    @Override
    public long headBlock() {
        return board.headBlock();
    }

    @Override
    public long blockTime(long block) {
        return board.blockTime(block);
    }

    long nextBlock() {
        return nextBlock;
    }

    long lastHead() {
        return headBlock;
    }
}
