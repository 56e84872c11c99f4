package io.synod.coordination.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.synod.shared.domain.SessionId;

/** What every {@link MessageBoard} must do; each implementation's test extends this. */
public abstract class MessageBoardContract {

    /** The board as member {@code i} (1 or 2) posts to it; both see the same log. */
    protected abstract MessageBoard board(int member);

    /** The identity address the board authenticates for member {@code i}. */
    protected abstract String address(int member);

    protected abstract SessionId session();

    protected abstract SessionId otherSession();

    protected abstract long startBlock();

    @Test
    void everyReaderSeesTheSamePostsInOrderWithTheAuthenticatedSenderAndACursorThatContinues() {
        MessageBoard one = board(1);
        MessageBoard two = board(2);
        long s1 = one.post(session(), 1, new byte[] {1});
        long s2 = two.post(session(), 1, new byte[] {2, 2});
        one.post(otherSession(), 1, new byte[] {9});
        long s3 = one.post(session(), 2, new byte[] {3});
        assertThat(s2).isGreaterThan(s1);
        assertThat(s3).isGreaterThan(s2);

        BoardRead a = one.read(session(), new BoardCursor(startBlock()));
        BoardRead b = two.read(session(), new BoardCursor(startBlock()));
        assertThat(a.entries()).extracting(BoardEntry::sequence).containsExactly(s1, s2, s3);
        assertThat(b.entries()).extracting(BoardEntry::sequence).containsExactly(s1, s2, s3);
        assertThat(a.entries()).extracting(BoardEntry::sender).containsExactly(address(1), address(2), address(1));
        assertThat(a.entries()).extracting(BoardEntry::round).containsExactly(1, 1, 2);
        assertThat(a.entries().get(1).payload()).containsExactly(2, 2);
        assertThat(a.entries()).allMatch(e -> e.session().equals(session()));
        assertThat(a.headBlock()).isGreaterThanOrEqualTo(a.entries().get(2).block());

        assertThat(one.read(session(), a.next()).entries()).isEmpty();
        long s4 = two.post(session(), 3, new byte[] {4});
        List<BoardEntry> more = one.read(session(), a.next()).entries();
        assertThat(more).extracting(BoardEntry::sequence).containsExactly(s4);
    }
}
