package io.synod.coordination.infrastructure.evm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.web3j.abi.EventEncoder;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import io.synod.chain.evm.Eip712;
import io.synod.chain.evm.EvmClient;
import io.synod.coordination.domain.BoardCursor;
import io.synod.coordination.domain.BoardEntry;
import io.synod.coordination.domain.BoardRead;
import io.synod.coordination.domain.MessageBoard;
import io.synod.shared.domain.SessionId;

/**
 * The {@link MessageBoard} over the sidechain's MessageBoard contract at one pinned address. Posts are signed for
 * the board (EIP-712 {@code BoardMessage}) with the member's identity key and sent by the client's account (the
 * member itself or a relayer). Reads use eth_getLogs by block range, filtered on the event and the session id;
 * a log from any other address, or flagged removed, is dropped whatever the node says, and logs are ordered by
 * (block, log index) rather than trusted to arrive in order. Blocks are read once at depth 0: anvil has instant
 * finality; a chain with reorganisations needs the {@code LogFollower}'s finality depth in front of this.
 */
public final class EvmMessageBoard implements MessageBoard {
    public static final String BROADCAST = "0xffffffffffffffffffffffffffffffffffffffff";
    private static final String EVENT_TOPIC =
            EventEncoder.encode(io.synod.chain.evm.contracts.MessageBoard.MESSAGEPOSTED_EVENT);

    private final EvmClient client;
    private final String address;
    private final BoardSigner identity;
    private final io.synod.chain.evm.contracts.MessageBoard contract;
    private final Eip712 eip712;

    public EvmMessageBoard(EvmClient client, String boardAddress, ECKeyPair identity) {
        this(client, boardAddress, digest -> Eip712.sign(digest, identity));
    }

    /** A board whose posts the member's identity key signs elsewhere (in its HSM). */
    public EvmMessageBoard(EvmClient client, String boardAddress, BoardSigner identity) {
        if (boardAddress == null || !boardAddress.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("not a contract address: " + boardAddress);
        }
        this.client = client;
        this.address = boardAddress.toLowerCase(Locale.ROOT);
        this.identity = identity;
        this.contract = io.synod.chain.evm.contracts.MessageBoard.load(address, client.web3j(),
                client.transactionManager(), client.gasProvider());
        this.eip712 = new Eip712(client.chainId());
    }

    public String address() {
        return address;
    }

    /** The EIP-712 board signature over one post, as the contract recovers it (usable by a relayer). */
    public byte[] boardSignature(SessionId session, int round, byte[] payload) {
        byte[] digest = eip712.boardMessage(address, session.bytes(), round, BROADCAST, Hash.sha3(payload));
        return identity.sign(digest);
    }

    @Override
    public synchronized long post(SessionId session, int round, byte[] payload) {
        try {
            TransactionReceipt r = contract.post(session.bytes(), BigInteger.valueOf(round), BROADCAST, payload,
                    boardSignature(session, round, payload)).send();
            if (!r.isStatusOK()) {
                throw new BoardException("board refused the post: status " + r.getStatus());
            }
            var events = io.synod.chain.evm.contracts.MessageBoard.getMessagePostedEvents(r);
            if (events.size() != 1) {
                throw new BoardException("post did not emit exactly one MessagePosted");
            }
            return events.get(0).sequence.longValueExact();
        } catch (BoardException e) {
            throw e;
        } catch (Exception e) {
            // A revert (NotActiveMember, AlreadyPosted, ...) surfaces here with the node's reason.
            throw new BoardException("post to board " + address + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public BoardRead read(SessionId session, BoardCursor from) {
        long head = headBlock();
        if (from.nextBlock() > head) {
            return new BoardRead(List.of(), from, head);
        }
        EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from.nextBlock())),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(head)), address);
        filter.addSingleTopic(EVENT_TOPIC);
        filter.addSingleTopic(Numeric.toHexString(session.bytes()));
        EthLog logs;
        try {
            logs = client.web3j().ethGetLogs(filter).send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (logs.hasError()) {
            throw new BoardException("eth_getLogs failed: " + logs.getError().getMessage());
        }
        List<Log> ours = new ArrayList<>();
        for (EthLog.LogResult<?> lr : logs.getLogs()) {
            Log log = (Log) lr.get();
            if (address.equalsIgnoreCase(log.getAddress()) && !log.isRemoved()
                    && log.getBlockNumber().longValueExact() <= head) {
                ours.add(log);
            }
        }
        ours.sort(Comparator.comparing(Log::getBlockNumber).thenComparing(Log::getLogIndex));
        List<BoardEntry> entries = new ArrayList<>();
        for (Log log : ours) {
            var ev = io.synod.chain.evm.contracts.MessageBoard.getMessagePostedEventFromLog(log);
            SessionId sid = new SessionId(ev.sessionId);
            if (!sid.equals(session)) {
                continue;
            }
            entries.add(new BoardEntry(sid, log.getBlockNumber().longValueExact(), log.getLogIndex().longValueExact(),
                    ev.sequence.longValueExact(), ev.sender, ev.round.intValueExact(), ev.payload));
        }
        return new BoardRead(entries, new BoardCursor(head + 1), head);
    }

    @Override
    public long headBlock() {
        try {
            return client.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long blockTime(long block) {
        try {
            var b = client.web3j().ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)), false)
                    .send();
            if (b.hasError() || b.getBlock() == null) {
                throw new BoardException("block " + block + " is not on the sidechain yet"
                        + (b.hasError() ? ": " + b.getError().getMessage() : ""));
            }
            return b.getBlock().getTimestamp().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
