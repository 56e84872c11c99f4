package io.synod.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import io.synod.chain.devnet.Devnet;
import io.synod.chain.evm.EvmClient;
import io.synod.coordination.domain.GenesisSession;
import io.synod.coordination.infrastructure.config.FounderCard;
import io.synod.coordination.infrastructure.config.FoundingSetFile;
import io.synod.coordination.infrastructure.evm.CeremonyBoard;
import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.FoundingSet;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;

/**
 * A whole local consensus group as separate institutions would run it: one WildFly node per member, each with its
 * own base directory ({@code <data>/node-i}), PostgreSQL database ({@code synod_node_i}) and SoftHSM token (keys made
 * by the key ceremony). The nodes publish their founder cards; this launcher then does what the founders do
 * together: funds each node's board gas account, deploys the ceremony board naming the founders, and writes the
 * founding set the nodes are waiting for. Genesis itself runs in the nodes, over the board only.
 */
public final class LocalGroup {
    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    /** Longer than any round takes: with instant blocks the chain only moves with posts, so rounds close on "done". */
    public static final long ROUND_BLOCKS = 10_000;

    /**
     * Where and how the group runs; {@code nodeProperties} are extra system properties every node gets (group-wide
     * policy such as {@code synod.group.max-missed-deadlines}).
     */
    public record Settings(Path dataDir, Distribution dist, int members, int basePortOffset, int heartbeatSeconds,
            Map<String, String> nodeProperties) {
        public Settings {
            nodeProperties = Map.copyOf(nodeProperties);
            if (members < FoundingSet.MIN_FOUNDERS) {
                throw new IllegalArgumentException("a group has at least " + FoundingSet.MIN_FOUNDERS + " members");
            }
            if (heartbeatSeconds < 1) {
                throw new IllegalArgumentException("heartbeat period must be at least 1 s");
            }
        }

        public Settings(Path dataDir, Distribution dist, int members, int basePortOffset, int heartbeatSeconds) {
            this(dataDir, dist, members, basePortOffset, heartbeatSeconds, Map.of());
        }

        /** A heartbeat every 30 s. */
        public Settings(Path dataDir, Distribution dist, int members, int basePortOffset) {
            this(dataDir, dist, members, basePortOffset, 30);
        }
    }

    /**
     * The sidechain's block time while the group signs: anvil mines only on transactions, and signing deadlines
     * are counted in blocks (a silent member is passed over only when blocks go by), so the launcher mines one
     * block per second, as a real sidechain would.
     */
    public static final Duration BLOCK_TIME = Duration.ofSeconds(1);
    /** Signing rounds close at the latest this many blocks after they open (about 20 s at the block time above). */
    public static final long SIGNING_ROUND_BLOCKS = 20;
    /** What each founder pays to the group address once the key exists (also the group's minimum stake here). */
    public static final io.synod.chain.bitcoin.Satoshis FOUNDER_STAKE = new io.synod.chain.bitcoin.Satoshis(100_000_000L);
    public static final int STAKE_CONFIRMATIONS = 6;
    /** Resharing rounds close at the latest this many sidechain blocks after the opening (about a minute). */
    public static final long RESHARE_ROUND_BLOCKS = 60;
    static final String FOUNDER_STAKES = "founder-stakes.properties";

    /** One member's server. */
    public static final class Node {
        private final int index;
        private final Path baseDir;
        private final int offset;
        private final Consumer<Map<String, String>> starter;

        Node(int index, Path baseDir, int offset, Consumer<Map<String, String>> starter) {
            this.index = index;
            this.baseDir = baseDir;
            this.offset = offset;
            this.starter = starter;
        }

        public int index() {
            return index;
        }

        public String name() {
            return "node-" + index;
        }

        public String baseUrl() {
            return "http://127.0.0.1:" + (8080 + offset) + "/synod";
        }

        public Path baseDir() {
            return baseDir;
        }

        Path card() {
            return baseDir.resolve("data").resolve(FounderCard.FILE);
        }

        /** The server's JVM (not the start script), from the pid file WildFly writes. */
        public Optional<ProcessHandle> jvm() {
            try {
                return ProcessHandle.of(Long.parseLong(Files.readString(baseDir.resolve("wildfly.pid")).strip()));
            } catch (IOException | NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    private volatile Thread blocks;
    private final Settings settings;
    private final Devnet devnet;
    private final GroupApi api;
    private final List<Node> nodes;
    private final List<Node> candidates = new ArrayList<>();
    private ProcessSupervisor supervisor;
    private LocalPostgres postgres;
    private LocalKeycloak keycloak;
    private FoundingSetFile founding;
    private final String forfeitureAddress;

    private LocalGroup(Settings settings, Devnet devnet, GroupApi api, List<Node> nodes, String forfeitureAddress) {
        this.forfeitureAddress = forfeitureAddress;
        this.settings = settings;
        this.devnet = devnet;
        this.api = api;
        this.nodes = nodes;
    }

    public Path foundingSetPath() {
        return settings.dataDir().resolve("group/founding-set.properties");
    }

    /** Prepares every member (token, database) and starts all servers at once; returns when all are deployed. */
    public static LocalGroup start(ProcessSupervisor supervisor, Devnet devnet, LocalPostgres postgres,
            LocalKeycloak keycloak, Settings s, Consumer<String> progress) {
        Path foundingSet = s.dataDir().resolve("group/founding-set.properties");
        try {
            // The chains are new on every run, so is the group: an old founding set names a board that is gone.
            Files.deleteIfExists(foundingSet);
            Files.deleteIfExists(foundingSet.resolveSibling(FOUNDER_STAKES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Node> nodes = new ArrayList<>();
        String forfeitureAddress = io.synod.chain.bitcoin.BitcoinNetwork.BCOIN_REGTEST.address(
                org.bitcoinj.script.ScriptBuilder.createP2WPKHOutputScript(new org.bitcoinj.crypto.ECKey()));
        for (int i = 1; i <= s.members(); i++) {
            nodes.add(prepareNode(supervisor, devnet, postgres, keycloak, s, i, forfeitureAddress, Map.of()));
        }
        progress.accept("Starting " + s.members() + " Synod nodes in WildFly (ports " + nodes.get(0).baseUrl() + " ... "
                + nodes.get(nodes.size() - 1).baseUrl() + ")");
        runAll(nodes, n -> n.starter.accept(Map.of()));
        LocalGroup g = new LocalGroup(s, devnet, new GroupApi(keycloak.tokenEndpoint()), nodes, forfeitureAddress);
        g.supervisor = supervisor;
        g.postgres = postgres;
        g.keycloak = keycloak;
        supervisor.onClose(g::stopBlocks);
        return g;
    }

    /** One member's server, prepared (token, database, properties) but not started; {@code extra} adds properties. */
    private static Node prepareNode(ProcessSupervisor supervisor, Devnet devnet, LocalPostgres postgres,
            LocalKeycloak keycloak, Settings s, int i, String forfeitureAddress, Map<String, String> extra) {
        Path foundingSet = s.dataDir().resolve("group/founding-set.properties");
        String name = "node-" + i;
        Path base = s.dataDir().resolve(name);
        int offset = s.basePortOffset() + 100 * (i - 1);
        LocalHsm hsm = LocalHsm.prepare(base.resolve("softhsm"), "synod-" + name);
        String db = postgres.ensureDatabase("synod_node_" + i);
        Map<String, String> props = new HashMap<>(Map.of("synod.db.url", db, "synod.db.user", LocalPostgres.USER,
                "synod.oidc.provider-url", keycloak.issuer(), "synod.node.name", name,
                "synod.bitcoin.rpc-url", devnet.bitcoinRpcUrl().toString(),
                "synod.bitcoin.rpc-user", devnet.bitcoinRpcUser(),
                "synod.evm.rpc-url", devnet.evmRpcUrl().toString(),
                "synod.evm.chain-id", Long.toString(devnet.evmChainId()),
                "synod.group.founding-set", foundingSet.toAbsolutePath().toString()));
        props.putAll(hsm.systemProperties());
        // Many servers deploying at once on 2 cores can exceed WildFly's 300 s container-stability timeout
        // (seen with 10 members on a loaded machine): give a group's nodes 15 minutes.
        props.put("jboss.as.management.blocking.timeout", "900");
        // The signing channel's parameters: equal at every member.
        props.put("synod.signing.round-blocks", Long.toString(SIGNING_ROUND_BLOCKS));
        props.put("synod.group.heartbeat-seconds", Integer.toString(s.heartbeatSeconds()));
        props.put("synod.group.founder-stakes",
                foundingSet.resolveSibling(FOUNDER_STAKES).toAbsolutePath().toString());
        props.put("synod.group.min-stake-sats", Long.toString(FOUNDER_STAKE.value()));
        props.put("synod.group.stake-confirmations", Integer.toString(STAKE_CONFIRMATIONS));
        // The peg: a local group sweeps each minted deposit at once, so a demo's redemption finds group coins.
        props.put("synod.peg.sweep-batch", "1");
        // Group jobs on a local schedule: proof of reserves every 10 blocks, relay and attestation looked at every 10 s.
        props.put("synod.peg.reserve-period-blocks", "10");
        props.put("synod.peg.jobs-interval-millis", "10000");
        // Resharing rounds: equal at every member (about a minute at the block time below).
        props.put("synod.membership.round-blocks", Long.toString(RESHARE_ROUND_BLOCKS));
        Map<String, String> env = new HashMap<>(Map.of("SYNOD_BITCOIN_RPC_PASSWORD", devnet.bitcoinRpcPassword()));
        env.putAll(hsm.environment());
        Path log = s.dataDir().resolve("logs/" + name + ".log");
        props.put("synod.group.forfeiture-address", forfeitureAddress);
        props.putAll(s.nodeProperties());
        props.putAll(extra);
        Consumer<Map<String, String>> starter = more -> {
            Map<String, String> all = new HashMap<>(props);
            all.putAll(more);
            LocalWildFly.start(supervisor, name, s.dist().wildflyHome(), base, offset, all, env, s.dist().ear(), log,
                    Duration.ofMinutes(3L * Math.max(2, s.members())));
        };
        Node node = new Node(i, base, offset, starter);
        try {
            Files.deleteIfExists(node.card());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return node;
    }

    private static void runAll(List<Node> nodes, Consumer<Node> work) {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (Node n : nodes) {
                fs.add(pool.submit(() -> work.accept(n)));
            }
            for (Future<?> f : fs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    public List<Node> nodes() {
        return List.copyOf(nodes);
    }

    public Node node(int index) {
        return allNodes().get(index - 1);
    }

    public GroupApi api() {
        return api;
    }

    /**
     * What the founders do together once every node has published its card: fund the gas accounts, deploy the
     * ceremony board naming the founders, write the founding set. Genesis starts in the nodes when they read it.
     */
    public FoundingSetFile found(Duration cardTimeout) {
        Map<Integer, FounderCard> cards = new TreeMap<>();
        for (Node n : nodes) {
            Waits.until(n.name() + " publishing its founder card", cardTimeout, null, n.baseDir().resolve("log"),
                    () -> Files.isRegularFile(n.card()));
            cards.put(n.index(), FounderCard.read(n.card()));
        }
        List<FoundingMember> members = new ArrayList<>();
        cards.forEach((i, c) -> {
            devnet.fundEvm(c.gasAddress(), ETHER.multiply(BigInteger.TEN));
            // The identity account sends what must come from the member itself (a request to leave).
            devnet.fundEvm(c.identityAddress(), ETHER);
            members.add(new FoundingMember(i, c.identityKey(), Secp256k1.tryDecode(c.encryptionKey()).orElseThrow()));
        });
        FoundingSet founders = new FoundingSet(members, (members.size() - 1) / 2);
        SecureRandom rng = new SecureRandom();
        byte[] sid = new byte[32];
        rng.nextBytes(sid);
        SessionId session = new SessionId(sid);
        ECKeyPair operatorKey = ECKeyPair.create(Scalars.random(rng));
        Credentials operator = Credentials.create(operatorKey);
        devnet.fundEvm(operator.getAddress(), ETHER.multiply(BigInteger.TEN));
        try (EvmClient client = EvmClient.connect(devnet.evmRpcUrl(), devnet.evmChainId(), operator)) {
            CeremonyBoard ceremony = CeremonyBoard.deploy(client, founders, session);
            founding = new FoundingSetFile(new GenesisSession(session, founders, ceremony.deployedAtBlock(), ROUND_BLOCKS),
                    ceremony.board(), ceremony.registry());
        }
        founding.write(foundingSetPath());
        startBlocks();
        return founding;
    }

    private synchronized void startBlocks() {
        if (blocks != null) {
            return;
        }
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(BLOCK_TIME.toMillis());
                    devnet.evmCall("evm_mine", "[]");
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // anvil restarting or gone at shutdown: the next tick tries again
                }
            }
        }, "sidechain-blocks");
        t.setDaemon(true);
        t.start();
        blocks = t;
    }

    /**
     * What the founders do once the group key exists: each pays its stake to the group address (here from the
     * regtest node's wallet, one payment per founder), the payments are confirmed, and the founders announce the
     * outpoints to their nodes (the founder-stakes file). The nodes verify each payment on Bitcoin and record them
     * in the registry with a group-signed rotation to epoch 2.
     */
    public List<io.synod.shared.domain.Outpoint> payFounderStakes(String compressedGroupKey) {
        org.bitcoinj.script.Script script = org.bitcoinj.script.ScriptBuilder.createP2WPKHOutputScript(
                org.bitcoinj.crypto.ECKey.fromPublicOnly(java.util.HexFormat.of().parseHex(compressedGroupKey)));
        List<io.synod.shared.domain.Outpoint> stakes = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            io.synod.chain.bitcoin.Outpoint o = devnet.fundBitcoin(script, FOUNDER_STAKE, 1).get(0).outpoint();
            stakes.add(io.synod.shared.domain.Outpoint.parse(o.txid().hex() + ":" + o.vout()));
        }
        devnet.mineBitcoin(STAKE_CONFIRMATIONS);
        new io.synod.coordination.infrastructure.config.FounderStakesFile(founding.session().id().bytes(), stakes)
                .write(foundingSetPath().resolveSibling(FOUNDER_STAKES), founding.founders());
        return stakes;
    }

    /**
     * A new institution joins: it pays its stake to the group address from the regtest wallet (confirmed), and its
     * server starts as a candidate (own base directory, database and SoftHSM token; the next node number) knowing
     * the group's contracts and its stake; once it published its card, its gas and identity accounts are funded.
     * The server registers its candidacy itself; the members verify the stake and admit it by resharing.
     */
    public Node startCandidate(String compressedGroupKey, io.synod.chain.bitcoin.Satoshis stake, Duration cardTimeout) {
        int index = nodes.size() + candidates.size() + 1;
        org.bitcoinj.script.Script script = org.bitcoinj.script.ScriptBuilder.createP2WPKHOutputScript(
                org.bitcoinj.crypto.ECKey.fromPublicOnly(java.util.HexFormat.of().parseHex(compressedGroupKey)));
        io.synod.chain.bitcoin.Outpoint o = devnet.fundBitcoin(script, stake, 1).get(0).outpoint();
        devnet.mineBitcoin(STAKE_CONFIRMATIONS);
        Node node = prepareNode(supervisor, devnet, postgres, keycloak, settings, index, forfeitureAddress,
                Map.of("synod.membership.join-stake", o.txid().hex() + ":" + o.vout()));
        try {
            Path deployment = node(1).baseDir().resolve("data").resolve(
                    io.synod.coordination.infrastructure.config.GroupDeploymentFile.FILE);
            Files.createDirectories(node.baseDir().resolve("data"));
            Files.copy(deployment, node.baseDir().resolve("data").resolve(deployment.getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        candidates.add(node);
        node.starter.accept(Map.of());
        Waits.until(node.name() + " publishing its card", cardTimeout, null, node.baseDir().resolve("log"),
                () -> Files.isRegularFile(node.card()));
        FounderCard card = FounderCard.read(node.card());
        devnet.fundEvm(card.gasAddress(), ETHER.multiply(BigInteger.TEN));
        devnet.fundEvm(card.identityAddress(), ETHER);
        return node;
    }

    /** Every server started, founders and candidates, in node order. */
    public List<Node> allNodes() {
        List<Node> all = new ArrayList<>(nodes);
        all.addAll(candidates);
        return all;
    }

    /** Stops the block producer (the supervisor calls this when it stops the group). */
    public synchronized void stopBlocks() {
        if (blocks != null) {
            blocks.interrupt();
            blocks = null;
        }
    }

    /** Polls every node until all report READY with one key, reporting each change of the summary line. */
    public Map<Integer, GroupApi.View> awaitReady(Duration timeout, Consumer<String> onChange) {
        return poll(timeout, onChange, "the group was not ready",
                x -> x.phase() + (x.phase().equals("KEY_GENERATION") ? " round " + x.round() : ""),
                views -> views.values().stream().allMatch(GroupApi.View::ready),
                x -> "FAILED".equals(x.phase()) ? "genesis failed: " + x.detail() : null);
    }

    /**
     * Polls every node until all have recorded epoch 1 (the same registry) and sign, reporting each change of the
     * summary line; fails if a node reports its recorded epoch 1 as not its own genesis.
     */
    public Map<Integer, GroupApi.View> awaitSigning(Duration timeout, Consumer<String> onChange) {
        return awaitRegistryEpoch(1, timeout, onChange);
    }

    /** Like {@link #awaitSigning}, until every node reports the registry at {@code epoch} or later. */
    public Map<Integer, GroupApi.View> awaitRegistryEpoch(long epoch, Duration timeout, Consumer<String> onChange) {
        return poll(timeout, onChange, "epoch " + epoch + " was not recorded",
                x -> x.signing() == null ? "?" : x.signing().phase() + " epoch " + x.signing().registryEpoch()
                        + " pool " + x.signing().poolSize(),
                views -> views.values().stream().allMatch(v -> v.signs() && v.signing().registryEpoch() >= epoch)
                        && views.values().stream().map(x -> x.signing().registry()).distinct().count() == 1,
                x -> x.signing() != null && "FAILED".equals(x.signing().phase())
                        ? "epoch 1 failed its check: " + x.signing().detail() : null);
    }

    private Map<Integer, GroupApi.View> poll(Duration timeout, Consumer<String> onChange, String timedOut,
            java.util.function.Function<GroupApi.View, String> describe,
            java.util.function.Predicate<Map<Integer, GroupApi.View>> done,
            java.util.function.Function<GroupApi.View, String> failure) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (true) {
            Map<Integer, GroupApi.View> views = new TreeMap<>();
            StringBuilder line = new StringBuilder();
            for (Node n : nodes) {
                Optional<GroupApi.View> v = api.group(n.baseUrl());
                v.ifPresent(x -> views.put(n.index(), x));
                line.append(n.name()).append(": ").append(v.map(describe).orElse("not answering")).append("  ");
            }
            String summary = line.toString().strip();
            if (!summary.equals(last)) {
                onChange.accept(summary);
                last = summary;
            }
            if (views.size() == nodes.size() && done.test(views)) {
                return views;
            }
            views.values().stream().map(failure).filter(java.util.Objects::nonNull).findFirst().ifPresent(f -> {
                throw new IllegalStateException(f);
            });
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(timedOut + " within " + timeout.toSeconds() + " s: " + summary);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** SIGKILL of a member's server JVM: no shutdown hook, no graceful undeploy (a crash). */
    public void kill(int index) {
        ProcessHandle jvm = node(index).jvm().orElseThrow(() -> new IllegalStateException("node-" + index + " has no pid"));
        jvm.destroyForcibly();
        jvm.onExit().join();
    }

    /** Starts a member's server again on the same base directory, database and token; returns once deployed. */
    public void restart(int index) {
        restart(index, Map.of());
    }

    /**
     * Like {@link #restart(int)}, with extra system properties for this start only (e.g. a drill setting such as
     * {@code synod.drill.fault}).
     */
    public void restart(int index, Map<String, String> extraProperties) {
        node(index).starter.accept(extraProperties);
    }

    /**
     * Where the group sends a convicted member's confiscated stake ({@code synod.group.forfeiture-address}, the same
     * at every node): a fresh regtest address per launch, whose key nobody keeps.
     */
    public String forfeitureAddress() {
        return forfeitureAddress;
    }
}
