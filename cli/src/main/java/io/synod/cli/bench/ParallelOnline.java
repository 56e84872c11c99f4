package io.synod.cli.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.inprocess.InProcessGroup;
import io.synod.threshold.inprocess.StepObserver;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.presign.Presignature;
import io.synod.threshold.sharing.IndexSet;
import io.synod.threshold.sign.OnlineSigner;
import io.synod.threshold.message.PartialSignatureMessage;
import io.synod.threshold.sign.SignatureCombiner;

/**
 * Online signing in wall time with the signers' steps spread over several threads. In a group every signer runs
 * on its own machine, so the 2t+1 steps happen at once; on this machine the closest honest figure is to run them
 * on all its cores. The combination (and its verification) then runs on one thread, as the combiner does.
 * Presignatures are made untimed beforehand; each is consumed by its one signature.
 */
final class ParallelOnline {
    private ParallelOnline() {
    }

    /** Runs after the timed phases; {@code restore} is the group's observer, detached meanwhile so nothing here
     * is charged to the sequential figures. */
    static ThresholdBench.Parallel measure(InProcessGroup g, InProcessGroup.DkgResult dkg, IndexSet signers,
            int signatures, int threads, StepObserver restore) {
        g.observer(StepObserver.DIRECT);
        try {
            return measure(g, dkg, signers, signatures, threads);
        } finally {
            g.observer(restore);
        }
    }

    private static ThresholdBench.Parallel measure(InProcessGroup g, InProcessGroup.DkgResult dkg,
            IndexSet signers, int signatures, int threads) {
        List<Map<Integer, Presignature>> pres = ThresholdBench.presignInBatches(g, "bench-presign-par", signers,
                dkg.shares(), signatures);
        Map<Integer, KeyShare> shares = dkg.shares();
        int[] who = signers.indices().clone();
        try (SpinningCrew pool = new SpinningCrew(threads - 1)) {
            // warm the pool's threads and the path once with a throwaway presignature set
            for (Map<Integer, Presignature> warm : g.presignBatch(InProcessGroup.sessionId("bench-par-warm", 0),
                    signers, shares, ThresholdBench.BATCH, false)) {
                signOnce(pool, threads, who, warm, shares, Hashing.hash("SYNOD/bench/warm", new byte[] {1}),
                        InProcessGroup.sessionId("bench-par-warm-sign", 0));
            }
            // the presignatures above leave garbage behind; collect it now rather than in the middle of a signature
            System.gc();
            long[] nanos = new long[signatures];
            int verified = 0;
            for (int i = 0; i < signatures; i++) {
                byte[] digest = Hashing.hash("SYNOD/bench/parallel", BigInteger.valueOf(i).toByteArray());
                byte[] session = InProcessGroup.sessionId("bench-sign-par", i);
                long w0 = System.nanoTime();
                SignatureCombiner.Result r = signOnce(pool, threads, who, pres.get(i), shares, digest, session);
                nanos[i] = System.nanoTime() - w0;

                if (r.badSigners().isEmpty() && SignatureCombiner.verify(dkg.group().publicKey(),
                        new BigInteger(1, digest), r.signature().r(), r.signature().s())) {
                    verified++;
                }
            }
            double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2] / 1e6;
            double max = sorted[sorted.length - 1] / 1e6;
            return new ThresholdBench.Parallel(threads, signatures, mean, median, max, verified);
        }
    }

    private static SignatureCombiner.Result signOnce(SpinningCrew pool, int threads, int[] who,
            Map<Integer, Presignature> presigs, Map<Integer, KeyShare> shares, byte[] digest, byte[] session) {
        PartialSignatureMessage[] partials = new PartialSignatureMessage[who.length];
        int slice = (who.length + threads - 1) / threads;
        for (int k = 1; k < threads; k++) {
            int from = k * slice;
            int to = Math.min(who.length, from + slice);
            pool.start(k - 1, () -> signSlice(from, to, who, presigs, shares, digest, session, partials));
        }
        signSlice(0, Math.min(slice, who.length), who, presigs, shares, digest, session, partials);
        pool.awaitAll();
        Presignature first = presigs.get(who[0]);
        return SignatureCombiner.combine(first.publicPart(), shares.get(who[0]).group(), digest,
                Arrays.asList(partials));
    }

    private static void signSlice(int from, int to, int[] who, Map<Integer, Presignature> presigs,
            Map<Integer, KeyShare> shares, byte[] digest, byte[] session, PartialSignatureMessage[] out) {
        for (int i = from; i < to; i++) {
            out[i] = OnlineSigner.partial(session, presigs.get(who[i]), shares.get(who[i]), digest);
        }

    }
}
