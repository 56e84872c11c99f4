package io.synod.coordination.application;

import java.util.concurrent.atomic.AtomicLong;

import io.synod.coordination.domain.BoardCursor;
import io.synod.coordination.domain.BoardRead;
import io.synod.coordination.domain.MessageBoard;
import io.synod.shared.domain.SessionId;

/** Measures how long a member spends waiting on the chain (posts to receipt, log reads), to tell that from compute. */
final class TimedBoard implements MessageBoard {
    private final MessageBoard inner;
    final AtomicLong postNanos = new AtomicLong();
    final AtomicLong readNanos = new AtomicLong();
    final AtomicLong posts = new AtomicLong();

    TimedBoard(MessageBoard inner) {
        this.inner = inner;
    }

    @Override
    public long post(SessionId session, int round, byte[] payload) {
        long t = System.nanoTime();
        try {
            return inner.post(session, round, payload);
        } finally {
            postNanos.addAndGet(System.nanoTime() - t);
            posts.incrementAndGet();
        }
    }

    @Override
    public BoardRead read(SessionId session, BoardCursor from) {
        long t = System.nanoTime();
        try {
            return inner.read(session, from);
        } finally {
            readNanos.addAndGet(System.nanoTime() - t);
        }
    }

    @Override
    public long headBlock() {
        return inner.headBlock();
    }

    @Override
    public long blockTime(long block) {
        return inner.blockTime(block);
    }
}
