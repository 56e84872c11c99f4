package io.synod.coordination.domain;

/** Where a reader of the message board continues: the first sidechain block not yet read. */
public record BoardCursor(long nextBlock) {
    public BoardCursor {
        if (nextBlock < 0) {
            throw new IllegalArgumentException("block number must not be negative");
        }
    }
}
