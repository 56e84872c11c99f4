package io.synod.coordination.application.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.ApprovalQuorum;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigningContract;
import io.synod.coordination.domain.signing.HeartbeatAction;
import io.synod.coordination.domain.signing.HeartbeatVerifier;
import io.synod.coordination.domain.signing.SigningFailed;

/**
 * Group signing under load over the real MessageBoard on anvil, with the production pool settings (2 presignatures
 * kept, 2 per presigning session) and a sidechain mining a block a second besides one per post, as the local group
 * runs: 30 signing requests at once, spread over the four members as the peg's mint submitters are, while heartbeats
 * go on. Every request must be signed (requests wait for presignatures, the pool grows with demand), no session may
 * fail and no heartbeat may show fewer members than are alive. Once with rounds counted in blocks only (one session
 * at a time), once with the servers' rounds of 20 blocks and 20 seconds (several sessions at once).
 */
class SigningUnderLoadTest {
    private static final int N = 4;
    private static final int T = 1;
    private static final int REQUESTS = 30;
    /**
     * Anvil mines a block per post, so a burst of sessions moves the round deadlines by its own posts: with 20-block
     * rounds 3 of 30 sessions still missed their approval deadline here; 60 leaves room for one session at a time
     * (see SigningCoordinator#maxRunning) and for the presigning that feeds it.
     */
    private static final long ROUND_BLOCKS = 60;
    /**
     * Each request waits this long (the peg's mint waits 30 s, then withdraws and asks again): enough for 30 requests
     * served one session at a time on a machine loaded by other builds (36 s for 24 of them at load 14).
     */
    private static final Duration SIGN_TIMEOUT = Duration.ofSeconds(120);
    /** Members step the board as often as the servers do (synod.group.poll-millis): a session is a few such steps. */
    private static final long POLL_MILLIS = 300;

    @Test
    void thirtyConcurrentRequestsOnFourMembersAreAllSignedWithoutFailedSessionsOrLivenessAlarms() throws Exception {
        thirtyRequests(ROUND_BLOCKS, 0);
    }

    /** The servers' rounds (LocalGroup: 20 blocks, and as many seconds by default): the same burst, for the figures. */
    @Test
    void withRoundsAlsoTimedTheBurstIsAllSignedToo() throws Exception {
        thirtyRequests(20, 20);
    }

    /**
     * A lone proposer's list (a sweep's inputs, through signAll) with the servers' rounds: posts no longer shorten a
     * round, so the channel runs up to roundSeconds / 4 = 5 of its sessions at once, never more, and every signature
     * comes back for its own action.
     */
    @Test
    void aLoneProposersListRunsSideBySideWithinTheChannelsRoom() throws Exception {
        int inputs = 12;
        try (SigningHarness h = new SigningHarness(N, T, 20, 20, m -> ActionVerifiers.of(
                GroupSigningContract.digesting("honest", java.math.BigInteger.ZERO)))) {
            h.produceBlocks(Duration.ofSeconds(1));
            h.drive(i -> i != 1, POLL_MILLIS);
            assertThat(h.member(1).maxRunning()).isEqualTo(5);
            List<GroupSigningContract.ContractAction> actions = new ArrayList<>();
            for (int k = 0; k < inputs; k++) {
                actions.add(SigningOverBoardTest.action(100 + k));
            }
            java.util.concurrent.atomic.AtomicInteger widest = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            Thread sampler = new Thread(() -> {
                while (!done.get()) {
                    widest.accumulateAndGet(h.member(1).signingInProgress(), Math::max);
                    Thread.onSpinWait();
                }
            });
            sampler.start();
            long t0 = System.nanoTime();
            List<GroupSignature> sigs;
            try {
                // Member 1 is stepped by its port alone, as a server's signing port steps its coordinator.
                sigs = new BoardGroupSigning(h.member(1), Duration.ofMillis(POLL_MILLIS)).signAll(actions, SIGN_TIMEOUT);
            } finally {
                done.set(true);
                sampler.join();
            }
            System.out.printf("a lone proposer's %d actions signed in %.1f s, at most %d sessions open at once%n",
                    inputs, (System.nanoTime() - t0) / 1e9, widest.get());
            for (int k = 0; k < inputs; k++) {
                GroupSigningContract.assertIndependentlyValid(sigs.get(k), h.member(1).groupPublicKey(),
                        GroupSigningContract.honestDigest(actions.get(k).encode(), "honest"), java.math.BigInteger.ZERO);
            }
            assertThat(widest.get()).as("sessions open at once at member 1" + h.describe()).isBetween(2, 5);
            assertThat(h.failures).isEmpty();
        }
    }

    /** Runs the burst and prints its figures (with the most signing sessions member 1 saw undecided at once). */
    private void thirtyRequests(long roundBlocks, long roundSeconds) throws Exception {
        SigningCoordinator[] own = new SigningCoordinator[N + 1];
        try (SigningHarness h = new SigningHarness(N, T, roundBlocks, roundSeconds, m -> ActionVerifiers.of(
                GroupSigningContract.digesting("honest", java.math.BigInteger.ZERO),
                new HeartbeatVerifier(1, () -> own[m] == null ? 0 : own[m].headBlock(), 300)))) {
            for (int m = 1; m <= N; m++) {
                own[m] = h.member(m);
            }
            h.produceBlocks(Duration.ofSeconds(1));
            h.drive(i -> true, POLL_MILLIS);
            // Warm-up as a running group is: its standing pool is there before the load starts.
            SigningOverBoardTest.await(() -> h.member(1).poolSize() >= 2, "the standing pool");
            Map<Integer, BoardGroupSigning> ports = new TreeMap<>();
            for (int m = 1; m <= N; m++) {
                ports.put(m, new BoardGroupSigning(h.member(m), Duration.ofMillis(POLL_MILLIS)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(REQUESTS);
            long t0 = System.nanoTime();
            List<Future<GroupSignature>> results = new ArrayList<>();
            for (int k = 0; k < REQUESTS; k++) {
                BoardGroupSigning port = ports.get(k % N + 1);
                GroupSigningContract.ContractAction a = SigningOverBoardTest.action(k);
                results.add(pool.submit(() -> port.sign(a, SIGN_TIMEOUT)));
            }
            // Heartbeats go on meanwhile, each member in turn, as SigningNode proposes them.
            List<SigningCoordinator.Ticket> beats = new ArrayList<>();
            List<Integer> beaters = new ArrayList<>();
            int signed = 0;
            int widest = 0;
            List<String> failed = new ArrayList<>();
            long nextBeat = 0;
            for (int k = 0; k < REQUESTS; ) {
                widest = Math.max(widest, h.member(1).signingInProgress());
                if (System.nanoTime() > nextBeat) {
                    int m = beats.size() % N + 1;
                    beats.add(h.member(m).propose(new HeartbeatAction(1, beats.size(), h.member(m).headBlock())));
                    beaters.add(m);
                    nextBeat = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                }
                Future<GroupSignature> f = results.get(k);
                try {
                    f.get(100, TimeUnit.MILLISECONDS);
                    signed++;
                } catch (java.util.concurrent.TimeoutException notYet) {
                    continue;
                } catch (java.util.concurrent.ExecutionException e) {
                    failed.add(e.getCause() instanceof SigningFailed ? e.getCause().getMessage() : e.toString());
                }
                k++;
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdownNow();
            System.out.printf("signing under load, rounds of %d blocks and %d s (at most %d sessions at once): %d of %d "
                    + "requests signed in %.1f s (%.1f per minute), at most %d open at once at member 1, %d "
                    + "heartbeats; presigning sessions at member 1: %d%n", roundBlocks, roundSeconds,
                    h.member(1).maxRunning(), signed, REQUESTS, seconds, signed * 60 / seconds, widest, beats.size(),
                    h.member(1).presignReports().size());
            System.out.println("presigning at member 1 (made, held): " + h.member(1).presignReports().stream()
                    .map(r -> r.made() + "/" + r.held()).toList());
            assertThat(failed).as("failed requests" + h.describe()).isEmpty();
            assertThat(signed).isEqualTo(REQUESTS);
            // Every heartbeat proposed before the load ended settles, answered by all four members.
            for (int b = 0; b < beats.size(); b++) {
                SigningCoordinator c = h.member(beaters.get(b));
                SigningCoordinator.Ticket t = beats.get(b);
                SigningOverBoardTest.await(() -> c.outcome(t).map(SignOutcome::settled).orElse(false),
                        "heartbeat settled");
            }
            for (int m = 1; m <= N; m++) {
                SigningCoordinator c = h.member(m);
                // Each member judges a heartbeat once it has read the session to its end, at its own pace.
                SigningOverBoardTest.await(() -> new LivenessMonitor(new ApprovalQuorum(N, T), 1)
                        .observe(c.outcomes()).size() >= beats.size(), "heartbeats judged at member " + m);
                List<LivenessMonitor.Report> reports = new LivenessMonitor(new ApprovalQuorum(N, T), 1)
                        .observe(c.outcomes());
                assertThat(reports).as("liveness at member " + m + h.describe())
                        .allMatch(r -> r.state() == LivenessMonitor.State.HEALTHY);
                assertThat(h.member(m).outcomes()).as("sessions at member " + m + h.describe())
                        .noneMatch(o -> o.status() == SignOutcome.Status.FAILED);
            }
            assertThat(h.failures).isEmpty();
        }
    }
}
