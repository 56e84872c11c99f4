package io.synod.coordination.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.synod.shared.infrastructure.persistence.TrackedRow;

/** Row of {@code board_cursor}: how far one reader of the message board has got. */
@Entity
@Table(name = "board_cursor")
public class BoardCursorEntity extends TrackedRow {

    @Id
    @Column(name = "reader", length = 80)
    private String reader;

    @Column(name = "board_address", nullable = false, length = 42)
    private String boardAddress;

    @Column(name = "next_block", nullable = false)
    private long nextBlock;

    @Column(name = "head_block", nullable = false)
    private long headBlock;

    protected BoardCursorEntity() {
    }

    BoardCursorEntity(String reader, String boardAddress, Instant now) {
        this.reader = reader;
        this.boardAddress = boardAddress;
        created(now);
    }

    void advance(long nextBlock, long headBlock, Instant now) {
        this.nextBlock = Math.max(this.nextBlock, nextBlock);
        this.headBlock = Math.max(this.headBlock, headBlock);
        touched(now);
    }

    String boardAddress() {
        return boardAddress;
    }

    long nextBlock() {
        return nextBlock;
    }

    long headBlock() {
        return headBlock;
    }
}
