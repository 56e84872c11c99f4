package io.synod.coordination.application.signing;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import io.synod.chain.devnet.Devnet;
import io.synod.chain.evm.Eip712;
import io.synod.chain.evm.EvmClient;
import io.synod.coordination.application.IdentityKeys;
import io.synod.coordination.domain.BoardCursor;
import io.synod.coordination.domain.BoardRead;
import io.synod.coordination.domain.MessageBoard;
import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.infrastructure.evm.CeremonyBoard;
import io.synod.coordination.infrastructure.evm.EvmMessageBoard;
import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.FoundingSet;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.inprocess.InProcessGroup;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.SecretScalar;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.sharing.IndexSet;

/**
 * n members in one JVM, each with its own identity key, ECIES key, sidechain account, board adapter, key share and
 * verifiers, and its own {@link SigningCoordinator}, stepped by its own thread: nothing is shared between members
 * but the real MessageBoard contract on anvil and the public roster. The key shares come from the threshold core's
 * in-process DKG (genesis over the board is tested elsewhere). A member can be stopped (its thread ends and its
 * board refuses further posts), optionally right after it posted a given kind of frame.
 */
final class SigningHarness implements AutoCloseable {
    static final SecureRandom RNG = new SecureRandom();
    static final BigInteger ETHER = BigInteger.TEN.pow(18);

    final Devnet devnet = Devnet.shared();
    final int n;
    final FoundingSet members;
    final Map<Integer, ECKeyPair> identities = new TreeMap<>();
    final Map<Integer, EvmClient> clients = new TreeMap<>();
    final Map<Integer, StoppableBoard> boards = new TreeMap<>();
    final Map<Integer, KeyShare> shares;
    final Map<Integer, SigningCoordinator> coordinators = new TreeMap<>();
    final SigningChannel channel;
    final EvmClient operator;
    private final Map<Integer, BigInteger> decryption = new TreeMap<>();
    private final IntFunction<ActionVerifiers> verifiersOf;
    private final String boardAddress;
    final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final List<Thread> drivers = new ArrayList<>();
    private Thread producer;
    private final List<Thread> traffic = new ArrayList<>();

    SigningHarness(int n, int t, long roundBlocks, IntFunction<ActionVerifiers> verifiersOf) {
        this(n, t, roundBlocks, 0, verifiersOf);
    }

    /** Rounds that also last {@code roundSeconds} of block time (0: blocks only), see {@link RoundClock}. */
    SigningHarness(int n, int t, long roundBlocks, long roundSeconds, IntFunction<ActionVerifiers> verifiersOf) {
        this.n = n;
        this.verifiersOf = verifiersOf;
        List<FoundingMember> ms = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ECKeyPair id = ECKeyPair.create(Scalars.random(RNG));
            BigInteger y = Scalars.random(RNG);
            identities.put(i, id);
            decryption.put(i, y);
            ms.add(new FoundingMember(i, Eip712.publicKey64(id), Secp256k1.mulG(y)));
        }
        members = new FoundingSet(ms, t);
        operator = fundedClient(ECKeyPair.create(Scalars.random(RNG)));
        byte[] sid = new byte[32];
        RNG.nextBytes(sid);
        SessionId channelId = new SessionId(sid);
        // A board whose registry lists exactly these members (the ceremony pair serves any fixed roster).
        CeremonyBoard board = CeremonyBoard.deploy(operator, members, channelId);
        boardAddress = board.board();
        channel = new SigningChannel(channelId, members, board.deployedAtBlock(), roundBlocks, roundSeconds, 2, 2);
        InProcessGroup g = InProcessGroup.of(n, RNG);
        shares = g.dkg(InProcessGroup.sessionId("signing-harness", RNG.nextLong()), IndexSet.range(n), t).shares();
        for (int i = 1; i <= n; i++) {
            clients.put(i, fundedClient(identities.get(i)));
            boot(i);
        }
    }

    /** Starts (or restarts) member i from its configuration alone: nothing but the board carries over. */
    private void boot(int i) {
        boot(i, channel);
    }

    private void boot(int i, SigningChannel from) {
        boards.put(i, new StoppableBoard(new EvmMessageBoard(clients.get(i), boardAddress, identities.get(i))));
        coordinators.put(i, new SigningCoordinator(from, i,
                IdentityKeys.softwareSigner(identities.get(i).getPrivateKey()), new SecretScalar(decryption.get(i)),
                copyOf(shares.get(i)), verifiersOf.apply(i), boards.get(i)));
    }

    /** Member i's process dies (its pool of presignatures with it) and a new one starts and is driven. */
    void restart(int i) {
        boards.get(i).stopped.set(true);
        coordinators.get(i).discardPool();
        boot(i);
        drive(m -> m == i);
    }

    /** Each process opens its own copy of the share (as a server opens it from the HSM); closing one wipes it. */
    private static KeyShare copyOf(KeyShare s) {
        return new KeyShare(s.index(), s.secret(), s.group());
    }

    /**
     * Member i's process dies and a new one reads the channel from {@code block} (what the server persists:
     * {@link SigningCoordinator#resumeBlock()}) instead of the epoch's first block.
     */
    void restartFrom(int i, long block) {
        boards.get(i).stopped.set(true);
        coordinators.get(i).close();
        boot(i, new SigningChannel(channel.channel(), channel.members(), block, channel.roundBlocks(),
                channel.roundSeconds(), channel.poolLevel(), channel.presignBatch()));
        drive(m -> m == i);
    }

    EvmClient fundedClient(ECKeyPair key) {
        Credentials c = Credentials.create(key);
        devnet.fundEvm(c.getAddress(), ETHER.multiply(BigInteger.valueOf(100)));
        return EvmClient.connect(devnet.evmRpcUrl(), devnet.evmChainId(), c);
    }

    SigningCoordinator member(int i) {
        return coordinators.get(i);
    }

    /** Starts one stepping thread per member in {@code which}. */
    void drive(IntPredicate which) {
        drive(which, 25);
    }

    /** Starts one stepping thread per member in {@code which}, each pausing {@code pauseMillis} between steps. */
    void drive(IntPredicate which, long pauseMillis) {
        for (int i = 1; i <= n; i++) {
            if (!which.test(i)) {
                continue;
            }
            SigningCoordinator c = coordinators.get(i);
            StoppableBoard b = boards.get(i);
            Thread th = new Thread(() -> {
                while (!b.stopped.get() && !Thread.currentThread().isInterrupted()) {
                    try {
                        c.step();
                    } catch (MemberStopped e) {
                        return;
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                    try {
                        Thread.sleep(pauseMillis);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "signing-member-" + i);
            th.setDaemon(true);
            th.start();
            drivers.add(th);
        }
    }

    /** Anvil mines only on transactions; a steady producer stands in for the sidechain's block time. */
    void produceBlocks() {
        produceBlocks(java.time.Duration.ofMillis(30));
    }

    /** As above with a given block time (the local group's sidechain mines one block a second). */
    void produceBlocks(java.time.Duration blockTime) {
        producer = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                devnet.evmCall("evm_mine", "[]");
                try {
                    Thread.sleep(blockTime.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "block-producer");
        producer.setDaemon(true);
        producer.start();
    }

    /**
     * Board traffic that mines blocks much faster than members answer, as on a chain mining a block per
     * transaction while many members and sessions post: every {@code burstMillis} a burst of {@code burstBlocks}
     * blocks (anvil_mine, one timestamp), and a relayer posting as the last member into
     * unrelated sessions without pause. Returns the number of posts made so far, read at will.
     */
    java.util.concurrent.atomic.AtomicLong heavyTraffic(int burstBlocks, long burstMillis) {
        Thread bursts = new Thread(() -> {
            String count = "[\"0x" + Integer.toHexString(burstBlocks) + "\"]";
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    devnet.evmCall("anvil_mine", count);
                    Thread.sleep(burstMillis);
                }
            } catch (InterruptedException | io.synod.chain.devnet.DevnetException e) {
                return; // closed: the harness interrupts its traffic first
            }
        }, "block-bursts");
        java.util.concurrent.atomic.AtomicLong posts = new java.util.concurrent.atomic.AtomicLong();
        EvmClient relayer = fundedClient(ECKeyPair.create(Scalars.random(RNG)));
        EvmMessageBoard spam = new EvmMessageBoard(relayer, boardAddress, identities.get(n));
        Thread poster = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    byte[] other = new byte[32]; // a session of its own each time: the board takes one post per round
                    RNG.nextBytes(other);
                    spam.post(new SessionId(other), 1, new byte[] {1, 2, 3});
                    posts.incrementAndGet();
                }
            } catch (RuntimeException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    failures.add(e);
                }
            } finally {
                relayer.close();
            }
        }, "board-traffic");
        for (Thread th : List.of(bursts, poster)) {
            th.setDaemon(true);
            th.start();
            traffic.add(th);
        }
        return posts;
    }

    /** Each member's view, for failure messages. */
    String describe() {
        StringBuilder b = new StringBuilder();
        coordinators.forEach((i, c) -> b.append("\n member ").append(i).append(": pool ").append(c.poolSize())
                .append(", presigning ").append(c.presignReports()).append(", outcomes ").append(c.outcomes())
                .append(", rejections ").append(c.rejections()).append(", suspected ").append(c.suspected()));
        failures.forEach(f -> b.append("\n failure: ").append(f));
        return b.toString();
    }

    @Override
    public void close() throws InterruptedException {
        drivers.forEach(Thread::interrupt);
        for (Thread th : traffic) {
            th.interrupt();
            th.join(5000);
        }
        if (producer != null) {
            producer.interrupt();
            producer.join();
        }
        for (Thread d : drivers) {
            d.join(5000);
        }
        coordinators.values().forEach(SigningCoordinator::discardPool);
        clients.values().forEach(EvmClient::close);
        operator.close();
    }

    static final class MemberStopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        MemberStopped() {
            super("member stopped", null, false, false);
        }
    }

    /** A member's board that can be switched off: after that it neither posts nor reads (the member is gone). */
    static final class StoppableBoard implements MessageBoard {
        private final MessageBoard inner;
        final AtomicBoolean stopped = new AtomicBoolean();
        volatile byte stopAfterPosting;
        /** While set, reads return nothing new (the member read just before others' posts landed). */
        volatile boolean lagging;

        StoppableBoard(MessageBoard inner) {
            this.inner = inner;
        }

        @Override
        public long post(SessionId session, int round, byte[] payload) {
            if (stopped.get()) {
                throw new MemberStopped();
            }
            long seq = inner.post(session, round, payload);
            if (stopAfterPosting != 0 && payload.length > 0 && payload[0] == stopAfterPosting) {
                stopped.set(true);
            }
            return seq;
        }

        @Override
        public BoardRead read(SessionId session, BoardCursor from) {
            if (stopped.get()) {
                throw new MemberStopped();
            }
            if (lagging) {
                return new BoardRead(List.of(), from, inner.headBlock());
            }
            return inner.read(session, from);
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
}
