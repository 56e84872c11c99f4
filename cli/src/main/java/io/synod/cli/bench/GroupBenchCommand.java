package io.synod.cli.bench;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import io.synod.chain.devnet.Devnet;
import io.synod.cli.local.Distribution;
import io.synod.cli.local.GroupApi;
import io.synod.cli.local.LocalGroup;
import io.synod.cli.local.LocalKeycloak;
import io.synod.cli.local.LocalPostgres;
import io.synod.cli.local.Ports;
import io.synod.cli.local.ProcessSupervisor;
import io.synod.cli.local.Trees;
import io.synod.coordination.infrastructure.config.FoundingSetFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code synod bench group N}: N real nodes (as {@code ./synod run} starts them) run genesis over anvil; prints one
 * JSON line with the wall time from the founding set being written to every node reporting READY, the board
 * transactions it took, and the CPU the node JVMs spent meanwhile, so the figure says whether chain round trips or
 * compute dominate. Then (unless {@code --no-join}) an (N+1)-th server joins by stake and a second line gives the
 * join's wall time from its registered candidacy (stake confirmed) to the new epoch recorded, with the sidechain
 * blocks and node CPU of that window.
 */
@Command(name = "group", mixinStandardHelpOptions = true,
        description = "Starts N Synod nodes (WildFly, own database and SoftHSM token each) on local chains, runs genesis "
                + "and prints one JSON line: wall time to group ready, board transactions, node CPU.")
public class GroupBenchCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "number of members N (>= 4)")
    int n;

    @Option(names = "--home", description = "Synod checkout (default: current directory)")
    Path home = Path.of("").toAbsolutePath();

    @Option(names = "--scratch", description = "scratch directory, wiped first (default ${DEFAULT-VALUE})")
    Path scratch = Path.of("target", "bench-group");

    @Option(names = "--no-join", description = "only genesis: skip the join of an (N+1)-th member")
    boolean skipJoin;

    @Override
    public Integer call() throws Exception {
        Distribution dist = new Distribution(home);
        if (!dist.complete()) {
            System.err.println("build first: ./mvnw -B -DskipTests package");
            return 2;
        }
        Path dir = scratch.toAbsolutePath();
        Trees.delete(dir);
        Files.createDirectories(dir);
        try (ProcessSupervisor supervisor = new ProcessSupervisor(dir.resolve("pids"));
             Devnet devnet = Devnet.start(dir.resolve("devnet"));
             LocalPostgres postgres = LocalPostgres.start(dir.resolve("postgres"), Ports.free())) {
            // Ctrl-C or a timeout's SIGTERM must not leave servers behind: stop them by PID on the way out.
            Thread hook = new Thread(supervisor::close, "synod-bench-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            LocalKeycloak keycloak = LocalKeycloak.start(supervisor, dist.keycloakHome(), Ports.free(), false,
                    dir.resolve("logs/keycloak.log"));
            long t0 = System.nanoTime();
            LocalGroup group = LocalGroup.start(supervisor, devnet, postgres, keycloak,
                    new LocalGroup.Settings(dir, dist, n, Ports.freeWildFlyOffset(1500)), System.err::println);
            long startupMs = (System.nanoTime() - t0) / 1_000_000;
            FoundingSetFile founding = group.found(Duration.ofMinutes(3));
            long cpu0 = nodeCpuMillis(group);
            long w0 = System.nanoTime();
            Map<Integer, GroupApi.View> views = group.awaitReady(Duration.ofMinutes(20), System.err::println);
            long wallMs = (System.nanoTime() - w0) / 1_000_000;
            long cpuMs = nodeCpuMillis(group) - cpu0;
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"result\"\\s*:\\s*\"0x([0-9a-fA-F]+)\"")
                    .matcher(devnet.evmCall("eth_blockNumber", "[]"));
            long head = m.find() ? new BigInteger(m.group(1), 16).longValueExact() : -1;
            long boardTx = head - founding.session().startBlock();
            String key = views.values().iterator().next().groupPublicKey();
            boolean agree = views.values().stream().allMatch(v -> v.groupPublicKey().equals(key));
            System.out.println(String.format(Locale.ROOT, "{\"bench\":\"group-genesis\",\"members\":%d,\"t\":%d,"
                    + "\"nodesStartupMs\":%d,\"genesisWallMs\":%d,\"boardTransactions\":%d,\"msPerBoardTransaction\":%.1f,"
                    + "\"nodeCpuMs\":%d,\"cpuShareOfWall\":%.2f,\"cores\":%d,\"sameKey\":%s,\"groupKey\":\"%s\"}",
                    n, founding.founders().t(), startupMs, wallMs, boardTx, wallMs / (double) Math.max(1, boardTx), cpuMs,
                    cpuMs / (double) Math.max(1, wallMs), Runtime.getRuntime().availableProcessors(), agree, key));
            if (!agree || skipJoin) {
                return agree ? 0 : 1;
            }
            return join(devnet, group, key) ? 0 : 1;
        }
    }

    /**
     * After genesis: epoch 1 and the founders' stakes recorded (timed from READY, one line), then a candidate server
     * starts with its stake paid and confirmed; timed from its candidacy appearing on the registry (stake already
     * confirmed) to the registry recording the next epoch with it, with the sidechain blocks and the node CPU of
     * that window.
     */
    private boolean join(Devnet devnet, LocalGroup group, String key) throws Exception {
        long epochCpu0 = nodeCpuMillis(group);
        long b0 = head(devnet);
        long e0 = System.nanoTime();
        group.awaitSigning(Duration.ofMinutes(10), System.err::println);
        long epochOneMs = (System.nanoTime() - e0) / 1_000_000;
        long epochOneBlocks = head(devnet) - b0;
        group.payFounderStakes(key);
        Map<Integer, GroupApi.View> views = group.awaitRegistryEpoch(2, Duration.ofMinutes(10), System.err::println);
        long epochTwoMs = (System.nanoTime() - e0) / 1_000_000;
        long epochCpuMs = nodeCpuMillis(group) - epochCpu0;
        // Epoch 1 (presigning, the evidence binding signed by 2t+1 after each member's check, the binding
        // transaction) and epoch 2 (the founders' stakes checked on Bitcoin and signed into the registry).
        System.out.println(String.format(Locale.ROOT, "{\"bench\":\"group-epochs\",\"members\":%d,"
                + "\"readyToEpoch1Ms\":%d,\"epoch1SidechainBlocks\":%d,\"readyToEpoch2Ms\":%d,\"nodeCpuMs\":%d,"
                + "\"cpuShareOfWall\":%.2f}", group.nodes().size(), epochOneMs, epochOneBlocks, epochTwoMs, epochCpuMs,
                epochCpuMs / (double) Math.max(1, epochTwoMs)));
        String registryAddress = views.values().iterator().next().signing().registry();
        LocalGroup.Node candidate = group.startCandidate(key, LocalGroup.FOUNDER_STAKE, Duration.ofMinutes(10));
        try (io.synod.chain.evm.EvmClient client = io.synod.chain.evm.EvmClient.connect(devnet.evmRpcUrl(),
                devnet.evmChainId(), org.web3j.crypto.Credentials.create(org.web3j.crypto.ECKeyPair.create(
                        BigInteger.TWO)))) {
            var registry = new io.synod.membership.infrastructure.evm.EvmMembershipRegistry(client, registryAddress);
            long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
            while (registry.openCandidacies().isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the candidate never registered");
                }
                Thread.sleep(50);
            }
            long cpu0 = nodeCpuMillis(group) + cpuOf(candidate);
            long head0 = head(devnet);
            long w0 = System.nanoTime();
            while (registry.currentEpoch() < 3) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the join was not recorded");
                }
                Thread.sleep(50);
            }
            long wallMs = (System.nanoTime() - w0) / 1_000_000;
            long cpuMs = nodeCpuMillis(group) + cpuOf(candidate) - cpu0;
            long blocks = head(devnet) - head0;
            var three = registry.epoch(3);
            boolean same = java.util.Arrays.equals(three.groupPublicKey(), registry.epoch(2).groupPublicKey());
            System.out.println(String.format(Locale.ROOT, "{\"bench\":\"group-join\",\"membersBefore\":%d,"
                    + "\"membersAfter\":%d,\"tAfter\":%d,\"joinWallMs\":%d,\"sidechainBlocks\":%d,"
                    + "\"blockTimeMs\":%d,\"nodeCpuMs\":%d,\"cpuShareOfWall\":%.2f,\"cores\":%d,\"sameKey\":%s}",
                    group.nodes().size(), three.members().size(), three.threshold(), wallMs, blocks,
                    LocalGroup.BLOCK_TIME.toMillis(), cpuMs, cpuMs / (double) Math.max(1, wallMs),
                    Runtime.getRuntime().availableProcessors(), same));
            return same && three.members().size() == group.nodes().size() + 1;
        }
    }

    private static long head(Devnet devnet) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"result\"\\s*:\\s*\"0x([0-9a-fA-F]+)\"")
                .matcher(devnet.evmCall("eth_blockNumber", "[]"));
        return m.find() ? new BigInteger(m.group(1), 16).longValueExact() : -1;
    }

    private static long cpuOf(LocalGroup.Node nd) {
        return nd.jvm().flatMap(h -> h.info().totalCpuDuration()).map(Duration::toMillis).orElse(0L);
    }

    /** CPU time all node JVMs have used so far (includes their timers' polling, as a deployment would). */
    private static long nodeCpuMillis(LocalGroup group) {
        return group.nodes().stream().mapToLong(nd -> nd.jvm().flatMap(h -> h.info().totalCpuDuration())
                .map(Duration::toMillis).orElse(0L)).sum();
    }
}
