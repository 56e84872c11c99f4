package io.synod.cli.bench;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code synod bench threshold N T [--vs-peer] [--signatures K]}: prints one JSON line. */
@Command(name = "threshold", mixinStandardHelpOptions = true,
        description = "Runs key generation, presigning and online signing for N members (degree T, 2T+1 signers) "
                + "in one JVM and prints one JSON line; --vs-peer also runs the DKLs23 peer and prints ratios.")
public class ThresholdBenchCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "number of members N")
    int n;

    @Parameters(index = "1", description = "polynomial degree T (tolerates T faulty; 2T+1 sign; N >= 2T+1)")
    int t;

    @Option(names = "--signatures", description = "signatures to produce (default ${DEFAULT-VALUE})")
    int signatures = 5;

    @Option(names = "--threads", description = "also time online signing with the signers' steps spread over this"
            + " many threads, as members on their own machines run them (default: the machine's cores,"
            + " ${DEFAULT-VALUE}; 1 turns it off)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--vs-peer", description = "also run ../shared/peers/dkls23 with N and 2T+1 signers")
    boolean vsPeer;

    @Option(names = "--peer-dir", description = "peer sources (default ${DEFAULT-VALUE})")
    Path peerDir = Path.of("..", "shared", "peers", "dkls23");

    @Option(names = "--scratch", description = "scratch directory for the peer (default ${DEFAULT-VALUE})")
    Path scratch = Path.of("target", "bench-peer-dkls23");

    @Override
    public Integer call() throws Exception {
        if (n < 2 * t + 1 || t < 1) {
            System.err.println("need N >= 2T+1 and T >= 1");
            return 2;
        }
        ThresholdBench.Figures ours = ThresholdBench.run(n, t, signatures, Math.max(1, threads));
        if (!vsPeer) {
            System.out.println(ours.toJson(null));
            return allVerified(ours) ? 0 : 1;
        }
        PeerBench.Figures peer = PeerBench.run(resolvePeerDir(), scratch, n, 2 * t + 1, signatures);
        System.out.println(ours.toJson(peer));
        return allVerified(ours) ? 0 : 1;
    }

    private static boolean allVerified(ThresholdBench.Figures f) {
        return f.verified() == f.signatures()
                && (f.parallel() == null || f.parallel().verified() == f.parallel().signatures());
    }

    private Path resolvePeerDir() {
        if (peerDir.toFile().isDirectory()) {
            return peerDir;
        }
        Path abs = Path.of("/work/shared/peers/dkls23");
        return abs.toFile().isDirectory() ? abs : peerDir;
    }
}
