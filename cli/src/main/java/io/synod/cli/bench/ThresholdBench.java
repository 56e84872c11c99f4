package io.synod.cli.bench;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import io.synod.threshold.inprocess.InProcessGroup;
import io.synod.threshold.inprocess.StepObserver;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.presign.Presignature;
import io.synod.threshold.sharing.IndexSet;
import io.synod.threshold.sign.SignatureCombiner;

/**
 * Runs the threshold core with every member in this JVM, one thread, and measures: wall time of each phase
 * (including identity signatures and the strict broadcast log) and the members' own computation (summed over
 * members, and the average per member). Signatures are checked again here with the combiner's verifier.
 */
public final class ThresholdBench {
    private ThresholdBench() {
    }

    public record Figures(int n, int t, int signatures, double dkgMs, double presignMs, double onlineMs,
            double dkgWallMs, double presignWallMs, double onlineWallMs,
            double dkgComputeMs, double presignComputeMs, double onlineComputeMs, double combineMs,
            double dkgPerMemberMs, double presignPerSignerMs, double onlinePerSignerMs, double keyTableMs,
            double timerOverheadUs, int verified, Parallel parallel) {

        /**
         * Two variants of every phase. {@code dkg_ms}, {@code presign_ms} and {@code online_sign_ms} are what the
         * threshold core does: the thread CPU time of the members' protocol steps plus the combination and the
         * verification of the result, summed over all members (the definition of each phase, and what
         * the peer measures: it authenticates no messages). {@code *_with_envelopes_ms} is the whole phase as
         * the in-process harness runs it, adding an identity signature on every envelope, its verification and
         * the strict broadcast log (in a server that work is the transport's, and the HSM signs). Both are
         * printed so nothing is hidden.
         */
        String toJson(PeerBench.Figures peer) {
            int signers = 2 * t + 1;
            StringBuilder b = new StringBuilder();
            b.append('{');
            kv(b, "n", n).append(',');
            kv(b, "t", t).append(',');
            kv(b, "signers", signers).append(',');
            kv(b, "dkg_ms", dkgComputeMs).append(',');
            kv(b, "presign_ms", presignComputeMs).append(',');
            kv(b, "online_sign_ms", onlineComputeMs).append(',');
            b.append("\"verified\":\"").append(verified).append('/').append(signatures).append("\",");
            kv(b, "dkg_with_envelopes_ms", dkgMs).append(',');
            kv(b, "presign_with_envelopes_ms", presignMs).append(',');
            kv(b, "online_sign_with_envelopes_ms", onlineMs).append(',');
            kv(b, "online_envelopes_and_log_ms", onlineMs - onlineComputeMs).append(',');
            b.append("\"timing\":\"thread CPU of the one thread running all members, summed over members;"
                    + " dkg_ms, presign_ms, online_sign_ms: members' protocol steps, combination and verification;"
                    + " *_with_envelopes_ms: whole phase incl. identity signatures on every envelope, their"
                    + " verification and the strict broadcast log\",");
            kv(b, "dkg_wall_ms", dkgWallMs).append(',');
            kv(b, "presign_wall_ms", presignWallMs).append(',');
            kv(b, "online_wall_ms", onlineWallMs).append(',');
            kv(b, "combine_ms", combineMs).append(',');
            kv(b, "key_table_once_ms", keyTableMs).append(',');
            kv(b, "timer_overhead_us_per_step", timerOverheadUs).append(',');
            kv(b, "dkg_per_member_ms", dkgPerMemberMs).append(',');
            kv(b, "presign_per_signer_ms", presignPerSignerMs).append(',');
            kv(b, "online_per_signer_ms", onlinePerSignerMs).append(',');
            kv(b, "online_per_signer_with_envelope_ms", onlinePerSignerMs + (onlineMs - onlineComputeMs) / signers)
                    .append(',');
            b.append("\"presign_batch\":").append(Math.min(BATCH, signatures)).append(',');
            if (parallel != null) {
                kv(b, "online_sign_parallel_wall_ms", parallel.medianMs()).append(',');
                kv(b, "online_sign_parallel_wall_mean_ms", parallel.meanMs()).append(',');
                kv(b, "online_sign_parallel_wall_max_ms", parallel.maxMs()).append(',');
                kv(b, "online_parallel_threads", parallel.threads()).append(',');
                b.append("\"online_parallel_verified\":\"").append(parallel.verified()).append('/')
                        .append(parallel.signatures()).append("\",");
                b.append("\"online_parallel_timing\":\"median wall clock per signature (mean and max beside it),")
                        .append(" the signers' steps spread over")
                        .append(" the threads as members on their own machines would run them, then the combination")
                        .append(" and its verification on one thread\",");
            }
            b.append("\"threads\":1,\"model\":\"honest majority, tolerates t of n, 2t+1 sign\"");
            // heap settings change thread CPU figures (page faults while a heap grows are charged to the thread)
            b.append(",\"jvm\":\"").append(String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()
                    .stream().filter(a -> a.startsWith("-X")).toList())).append('"');
            if (peer != null) {
                b.append(",\"peer\":{\"name\":\"dkls23\",\"model\":\"dishonest majority\",");
                b.append("\"timing\":\"wall clock, no message authentication\",");
                kv(b, "signers", signers).append(',');
                kv(b, "dkg_ms", peer.dkgMs()).append(',');
                kv(b, "presign_ms", peer.presignMs()).append(',');
                kv(b, "online_sign_ms", peer.onlineMs()).append(',');
                b.append("\"verified\":\"").append(peer.verified()).append("\"},\"speedup\":{");
                // like for like: the peer authenticates nothing, so compare with our protocol-only figures
                kv(b, "dkg", peer.dkgMs() / dkgComputeMs).append(',');
                kv(b, "presign", peer.presignMs() / presignComputeMs).append(',');
                kv(b, "online_sign", peer.onlineMs() / onlineComputeMs).append(',');
                // ours with identity envelopes on every message (more work than the peer does)
                kv(b, "dkg_with_envelopes", peer.dkgMs() / dkgMs).append(',');
                kv(b, "presign_with_envelopes", peer.presignMs() / presignMs).append(',');
                kv(b, "online_sign_with_envelopes", peer.onlineMs() / onlineMs).append(',');
                // wall clock against wall clock (the shared machine's load shows here)
                kv(b, "dkg_wall", peer.dkgMs() / dkgWallMs).append(',');
                kv(b, "presign_wall", peer.presignMs() / presignWallMs).append(',');
                kv(b, "online_sign_wall", peer.onlineMs() / onlineWallMs).append('}');
            }
            return b.append('}').toString();
        }

        private static StringBuilder kv(StringBuilder b, String k, double v) {
            return b.append('"').append(k).append("\":").append(String.format(Locale.ROOT, "%.3f", v));
        }

        private static StringBuilder kv(StringBuilder b, String k, int v) {
            return b.append('"').append(k).append("\":").append(v);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** Thread CPU time: on a shared, loaded machine it measures our work, not the other processes' share. */
    static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    /** Sums member-local step CPU time per phase. */
    static final class Timer implements StepObserver {
        final Map<String, Long> nanos = new HashMap<>();
        final Map<String, Integer> steps = new HashMap<>();
        /**
         * What one timed step costs with nothing in it (reading the thread clock is a system call of about 1-2 µs
         * here): measured before the run and taken off every step, so the online figure of 2t+1 short steps
         * measures the signers rather than the clock. Printed as {@code timer_overhead_us_per_step}.
         */
        final long overheadNanos = calibrate();

        @Override
        public void run(String phase, int member, Runnable step) {
            long t0 = cpu();
            step.run();
            nanos.merge(phase, cpu() - t0, Long::sum);
            steps.merge(phase, 1, Integer::sum);
        }

        double ms(String phase) {
            long net = nanos.getOrDefault(phase, 0L) - overheadNanos * steps.getOrDefault(phase, 0);
            return Math.max(0, net) / 1e6;
        }

        private static long calibrate() {
            long best = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long total = 0;
                for (int i = 0; i < 20_000; i++) {
                    long t0 = cpu();
                    total += cpu() - t0;
                }
                best = Math.min(best, total / 20_000);
            }
            return best;
        }
    }

    /** Presignatures per presigning session (one ECDH per signer pair per batch). */
    static final int BATCH = 16;

    /** {@code count} presignatures for {@code signers}, made {@link #BATCH} per session as a server makes them. */
    static List<Map<Integer, Presignature>> presignInBatches(InProcessGroup g, String tag, IndexSet signers,
            Map<Integer, io.synod.threshold.dkg.KeyShare> shares, int count) {
        List<Map<Integer, Presignature>> pres = new ArrayList<>();
        for (int done = 0; done < count; done += BATCH) {
            pres.addAll(g.presignBatch(InProcessGroup.sessionId(tag, done), signers, shares,
                    Math.min(BATCH, count - done), false));
        }
        return pres;
    }

    /** Online signing measured in wall time with the signers' steps running concurrently on {@code threads}. */
    public record Parallel(int threads, int signatures, double meanMs, double medianMs, double maxMs,
            int verified) {
    }

    public static Figures run(int n, int t, int signatures) {
        return run(n, t, signatures, 1);
    }

    public static Figures run(int n, int t, int signatures, int threads) {
        warmUp();
        SecureRandom rng = new SecureRandom();
        InProcessGroup g = InProcessGroup.of(n, rng);
        Timer timer = new Timer();
        g.observer(timer);
        long w0 = System.nanoTime();
        long t0 = cpu();
        var dkg = g.dkg(InProcessGroup.sessionId("bench-dkg", 1), IndexSet.range(n), t);
        double dkgCpu = (cpu() - t0) / 1e6;
        double dkgWall = (System.nanoTime() - w0) / 1e6;
        IndexSet signers = IndexSet.range(2 * t + 1);
        w0 = System.nanoTime();
        t0 = cpu();
        List<Map<Integer, Presignature>> pres = presignInBatches(g, "bench-presign", signers, dkg.shares(), signatures);
        double presignCpu = (cpu() - t0) / 1e6 / signatures;
        double presignWall = (System.nanoTime() - w0) / 1e6 / signatures;
        int verified = 0;
        // The combiner verifies with a table of the group key, built once per key for the life of a server: timed
        // on its own here instead of being charged to the first of the measured signatures.
        long k0 = cpu();
        dkg.shares().get(signers.get(0)).group().baseKeyTable();
        double keyTable = (cpu() - k0) / 1e6;
        w0 = System.nanoTime();
        t0 = cpu();
        List<InProcessGroup.SignResult> results = new ArrayList<>();
        List<byte[]> digests = new ArrayList<>();
        for (int i = 0; i < signatures; i++) {
            byte[] digest = Hashing.hash("SYNOD/bench/message", BigInteger.valueOf(i).toByteArray());
            digests.add(digest);
            results.add(g.sign(InProcessGroup.sessionId("bench-sign", i), pres.get(i), dkg.shares(), signers, digest,
                    BigInteger.ZERO));
        }
        double onlineCpu = (cpu() - t0) / 1e6 / signatures;
        double onlineWall = (System.nanoTime() - w0) / 1e6 / signatures;
        for (int i = 0; i < signatures; i++) {
            var s = results.get(i).signature();
            if (SignatureCombiner.verify(dkg.group().publicKey(), new BigInteger(1, digests.get(i)), s.r(), s.s())) {
                verified++;
            }
        }
        Parallel parallel = threads > 1 ? ParallelOnline.measure(g, dkg, signers, signatures, threads, timer) : null;
        double combine = timer.ms("combine") / signatures;
        double onlineCompute = (timer.ms("sign") / signatures) + combine;
        return new Figures(n, t, signatures, dkgCpu, presignCpu, onlineCpu, dkgWall, presignWall, onlineWall,
                timer.ms("dkg"),
                timer.ms("presign") / signatures, onlineCompute, combine, timer.ms("dkg") / n,
                timer.ms("presign") / signatures / (2 * t + 1), timer.ms("sign") / signatures / (2 * t + 1), keyTable,
                timer.overheadNanos / 1e3, verified, parallel);
    }

    /** Brings every code path to compiled code first: cold figures would measure the JIT, not the protocol. */
    private static void warmUp() {
        SecureRandom rng = new SecureRandom();
        for (int round = 0; round < 3; round++) {
            InProcessGroup g = InProcessGroup.of(9, rng);
            var dkg = g.dkg(InProcessGroup.sessionId("warm", round), IndexSet.range(9), 4);
            var pres = g.presignBatch(InProcessGroup.sessionId("warm-pre", round), IndexSet.range(9), dkg.shares(),
                    100, false);
            for (int i = 0; i < pres.size(); i++) {
                g.sign(InProcessGroup.sessionId("warm-sign", i), pres.get(i), dkg.shares(), IndexSet.range(9),
                        Hashing.hash("warm", new byte[] {(byte) i}), BigInteger.ZERO);
            }
        }
    }

    /** Development entry point while the cli module is being assembled: {@code ThresholdBench N T [K]}. */
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int t = Integer.parseInt(args[1]);
        int k = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        System.out.println(run(n, t, k).toJson(null));
    }
}
