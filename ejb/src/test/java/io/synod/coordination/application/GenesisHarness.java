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

    final Devnet devnet = Devnet.shared();
    final int n;
    final FoundingSet founders;
    final Map<Integer, ECKeyPair> identities = new TreeMap<>();
    final Map<Integer, BigInteger> decryptionKeys = new TreeMap<>();
    final Map<Integer, EvmClient> clients = new TreeMap<>();
    final Map<Integer, EvmMessageBoard> boards = new TreeMap<>();
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
        return GenesisCoordinator.start(session, i, signer(i), new SecretScalar(decryptionKeys.get(i)), boards.get(i),
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
                fs.add(pool.submit(() -> c.run(timeout, Duration.ofMillis(25))));
            }
            for (Future<GenesisCoordinator.Status> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        clients.values().forEach(EvmClient::close);
        operator.close();
    }
}
