package io.synod.coordination.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.synod.coordination.domain.BoardCursor;
import io.synod.coordination.domain.MessageBoard;
import io.synod.coordination.domain.MessageBoardContract;
import io.synod.coordination.infrastructure.evm.BoardException;
import io.synod.coordination.infrastructure.evm.CeremonyBoard;
import io.synod.coordination.infrastructure.evm.EvmMessageBoard;
import io.synod.shared.domain.SessionId;

/** The board contract test against the MessageBoard contract on anvil, plus what only the EVM adapter can get wrong. */
class EvmMessageBoardTest extends MessageBoardContract {
    private static GenesisHarness h;
    private static final SessionId OTHER = new SessionId(GenesisHarness.randomBytes());

    @BeforeAll
    static void deploy() {
        h = new GenesisHarness(4, 1);
    }

    @AfterAll
    static void close() {
        h.close();
    }

    @Override
    protected MessageBoard board(int member) {
        return h.boards.get(member);
    }

    @Override
    protected String address(int member) {
        return h.founders.member(member).address();
    }

    @Override
    protected SessionId session() {
        return h.session.id();
    }

    @Override
    protected SessionId otherSession() {
        return OTHER;
    }

    @Override
    protected long startBlock() {
        return h.session.startBlock();
    }

    @Test
    void logsOfAnotherBoardContractAreNeverRead() {
        // A second board for the same founders and session id: its posts look exactly alike but are not ours.
        CeremonyBoard twin = CeremonyBoard.deploy(h.operator, h.founders, h.session.id());
        EvmMessageBoard twinBoard = new EvmMessageBoard(h.clients.get(3), twin.board(), h.identities.get(3));
        long before = h.boards.get(3).read(h.session.id(), new BoardCursor(startBlock())).entries().size();
        twinBoard.post(h.session.id(), 1, new byte[] {7});
        assertThat(twinBoard.read(h.session.id(), new BoardCursor(twin.deployedAtBlock())).entries()).hasSize(1);
        assertThat(h.boards.get(3).read(h.session.id(), new BoardCursor(startBlock())).entries()).hasSize((int) before);
    }

    @Test
    void theContractRefusesAPostWhoseBoardSignatureIsNoMembers() {
        // Member 3's funded account sends, but signs for the board with a key the registry does not list.
        EvmMessageBoard outsider = new EvmMessageBoard(h.clients.get(3), h.ceremony.board(),
                org.web3j.crypto.ECKeyPair.create(io.synod.threshold.math.Scalars.random(GenesisHarness.RNG)));
        assertThat(outsider.boardSignature(h.session.id(), 1, new byte[] {5})).hasSize(65);
        assertThatThrownBy(() -> outsider.post(h.session.id(), 1, new byte[] {5}))
                .isInstanceOf(BoardException.class).hasMessageContaining("failed");
    }
}
