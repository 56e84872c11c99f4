package io.synod.coordination.application;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import io.synod.chain.devnet.Devnet;
import io.synod.chain.evm.Eip712;
import io.synod.chain.evm.EvmClient;
import io.synod.coordination.domain.GenesisSession;
import io.synod.shared.domain.SessionId;
import io.synod.coordination.infrastructure.evm.CeremonyBoard;
import io.synod.coordination.infrastructure.evm.EvmMessageBoard;
import io.synod.coordination.infrastructure.memory.InMemorySessionStore;
import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.FoundingSet;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.SecretScalar;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.MessageSigner;

/**
 * n founders in one JVM, each with its own secp256k1 identity key, ECIES key, sidechain account, session store and
 * share sink, all talking only through a real MessageBoard contract on the shared anvil. Nothing is shared between
 * members except the board and the public founding set.
 */
final class GenesisHarness implements AutoCloseable {
    static final BigInteger ETHER = BigInteger.TEN.pow(18);
    static final SecureRandom RNG = new SecureRandom();
    private static final java.util.concurrent.atomic.AtomicLong CPU_NANOS = new java.util.concurrent.atomic.AtomicLong();
    private static final java.util.concurrent.atomic.AtomicLong RUNS = new java.util.concurrent.atomic.AtomicLong();

    final Devnet devnet = Devnet.shared();
    final int n;
    final FoundingSet founders;
    final Map<Integer, ECKeyPair> identities = new TreeMap<>();
    final Map<Integer, BigInteger> decryptionKeys = new TreeMap<>();
    final Map<Integer, EvmClient> clients = new TreeMap<>();
    final Map<Integer, EvmMessageBoard> boards = new TreeMap<>();
    final Map<Integer, TimedBoard> timed = new TreeMap<>();
    final Map<Integer, InMemorySessionStore> stores = new TreeMap<>();
    final Map<Integer, KeyShare> sealed = new ConcurrentHashMap<>();
    final EvmClient operator;
    final CeremonyBoard ceremony;
    final GenesisSession session;

    GenesisHarness(int n, int t) {
        this(n, t, 100_000);
    }

    GenesisHarness(int n, int t, long roundBlocks) {
        this.n = n;
        List<FoundingMember> ms = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ECKeyPair id = ECKeyPair.create(Scalars.random(RNG));
            BigInteger y = Scalars.random(RNG);
            identities.put(i, id);
            decryptionKeys.put(i, y);
            ms.add(new FoundingMember(i, Eip712.publicKey64(id), Secp256k1.mulG(y)));
        }
        founders = new FoundingSet(ms, t);
        operator = fundedClient(ECKeyPair.create(Scalars.random(RNG)));
        SessionId id = new SessionId(randomBytes());
        ceremony = CeremonyBoard.deploy(operator, founders, id);
        session = new GenesisSession(id, founders, ceremony.deployedAtBlock(), roundBlocks);
        for (int i = 1; i <= n; i++) {
            clients.put(i, fundedClient(identities.get(i)));
            boards.put(i, new EvmMessageBoard(clients.get(i), ceremony.board(), identities.get(i)));
            timed.put(i, new TimedBoard(boards.get(i)));
            stores.put(i, new InMemorySessionStore());
        }
    }

    EvmClient fundedClient(ECKeyPair key) {
        Credentials c = Credentials.create(key);
        devnet.fundEvm(c.getAddress(), ETHER.multiply(BigInteger.valueOf(100)));
        return EvmClient.connect(devnet.evmRpcUrl(), devnet.evmChainId(), c);
    }

    static byte[] randomBytes() {
        byte[] b = new byte[32];
        RNG.nextBytes(b);
        return b;
    }

    MessageSigner signer(int i) {
        return IdentityKeys.softwareSigner(identities.get(i).getPrivateKey());
    }

    GenesisCoordinator start(int i) {
        return GenesisCoordinator.start(session, i, signer(i), new SecretScalar(decryptionKeys.get(i)), timed.get(i),
                stores.get(i), (s, share) -> sealed.put(i, share));
    }

    GenesisCoordinator resume(int i) {
        return GenesisCoordinator.resume(session, i, signer(i), new SecretScalar(decryptionKeys.get(i)), boards.get(i),
                stores.get(i), (s, share) -> sealed.put(i, share));
    }

    /** Runs the given coordinators concurrently, one thread each, until all end (or the timeout passes). */
    static void runAll(List<GenesisCoordinator> cs, Duration timeout) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(cs.size());
        try {
            List<Future<GenesisCoordinator.Status>> fs = new ArrayList<>();
            for (GenesisCoordinator c : cs) {
                fs.add(pool.submit(() -> {
                    var mx = java.lang.management.ManagementFactory.getThreadMXBean();
                    long cpu = mx.getCurrentThreadCpuTime();
                    try {
                        return c.run(timeout, Duration.ofMillis(25));
                    } finally {
                        CPU_NANOS.addAndGet(mx.getCurrentThreadCpuTime() - cpu);
                        RUNS.incrementAndGet();
                    }
                }));
            }
            for (Future<GenesisCoordinator.Status> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Where the wall time of a run went, per member on average: chain waits (posts, reads) against the rest. */
    String timing(long wallMs) {
        double post = timed.values().stream().mapToLong(b -> b.postNanos.get()).average().orElse(0) / 1e6;
        double read = timed.values().stream().mapToLong(b -> b.readNanos.get()).average().orElse(0) / 1e6;
        double posts = timed.values().stream().mapToLong(b -> b.posts.get()).average().orElse(0);
        double cpu = CPU_NANOS.getAndSet(0) / 1e6 / Math.max(1, RUNS.getAndSet(0));
        return String.format("%d ms wall; per member: %.1f posts taking %.0f ms to receipt, %.0f ms in log reads,"
                + " %.0f ms CPU on its thread (DKG, checks, web3j encoding and signing)", wallMs, posts, post, read,
                cpu);
    }

    @Override
    public void close() {
        clients.values().forEach(EvmClient::close);
        operator.close();
    }
}
