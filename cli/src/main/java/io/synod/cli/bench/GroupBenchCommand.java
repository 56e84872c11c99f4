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
 * compute dominate.
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
            return agree ? 0 : 1;
        }
    }

    /** CPU time all node JVMs have used so far (includes their timers' polling, as a deployment would). */
    private static long nodeCpuMillis(LocalGroup group) {
        return group.nodes().stream().mapToLong(nd -> nd.jvm().flatMap(h -> h.info().totalCpuDuration())
                .map(Duration::toMillis).orElse(0L)).sum();
    }
}
