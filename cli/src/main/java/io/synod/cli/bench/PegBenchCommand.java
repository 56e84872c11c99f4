package io.synod.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import io.synod.chain.devnet.Devnet;
import io.synod.cli.local.Trees;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code synod bench peg}: the peg's latencies and throughput with 4 members in one JVM; prints one JSON line. */
@Command(name = "peg", mixinStandardHelpOptions = true,
        description = "Runs peg-ins and peg-outs with 4 members in one JVM (real threshold signing, each member "
                + "verifying from its own view) on local bcoin and anvil with instant blocks, and prints one JSON "
                + "line: last confirmation to mint mined, redemption finality to payout broadcast (median, p95), "
                + "deposits minted and redemptions paid per minute, and whether the proposer's books balance against "
                + "both chains at the end.")
public class PegBenchCommand implements Callable<Integer> {

    @Option(names = "--samples", description = "deposits and redemptions timed one at a time (default ${DEFAULT-VALUE})")
    int samples = 10;

    @Option(names = "--deposits", description = "deposits minted in the throughput run (default ${DEFAULT-VALUE})")
    int deposits = 20;

    @Option(names = "--redemptions", description = "redemptions paid in the throughput run (default ${DEFAULT-VALUE})")
    int redemptions = 50;

    @Option(names = "--scratch", description = "scratch directory, wiped first (default ${DEFAULT-VALUE})")
    Path scratch = Path.of("target", "bench-peg");

    @Override
    public Integer call() throws Exception {
        if (samples < 1 || deposits < 1 || redemptions < 1) {
            System.err.println("need at least one sample, deposit and redemption");
            return 2;
        }
        Path dir = scratch.toAbsolutePath();
        Trees.delete(dir);
        Files.createDirectories(dir);
        try (Devnet devnet = Devnet.start(dir.resolve("devnet"))) {
            Thread hook = new Thread(devnet::close, "synod-bench-peg-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            PegBench.Figures f = new PegBench(devnet, dir).run(samples, deposits, redemptions, System.err::println);
            System.out.println(f.toJson());
            Runtime.getRuntime().removeShutdownHook(hook);
            return f.settled() && f.booksBalance() ? 0 : 1;
        }
    }
}
