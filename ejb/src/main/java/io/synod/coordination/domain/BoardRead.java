package io.synod.coordination.domain;

import java.util.List;

/** The entries of one read, in board order, the cursor to continue from and the head block seen. */
public record BoardRead(List<BoardEntry> entries, BoardCursor next, long headBlock) {
    public BoardRead {
        entries = List.copyOf(entries);
    }
}
