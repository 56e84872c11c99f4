package io.synod.hsm.ra;

import io.synod.hsm.api.HsmConnection;
import io.synod.hsm.api.HsmConnectionFactory;
import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.api.ShareSecret;
import io.synod.hsm.support.Fixtures;
import io.synod.hsm.support.TestPool;
import io.synod.hsm.vault.HsmShareVault;
import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adapter's side of the pooling contract, driven by a test pool that behaves as the container's does:
 * concurrent use, exhaustion, and sessions that die under use or while idle.
 */
class PoolingTest {

    @Test
    void manyThreadsShareASmallPoolWithoutMixingResults() throws Exception {
        TestPool pool = new TestPool(4, 30_000);
        HsmConnectionFactory cf = Fixtures.pooledFactory(pool);
        byte[] identity;
        try (HsmConnection c = cf.getConnection()) {
            identity = c.memberKeys().identity().compressed();
        }
        SealContext ctx = Fixtures.context();
        int threads = 16;
        int rounds = 40;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(executor.submit(() -> {
                start.await();
                int ok = 0;
                for (int i = 0; i < rounds; i++) {
                    byte[] share = ByteBuffer.allocate(32).putInt(thread).putInt(i).array();
                    byte[] digest = Fixtures.sha256(share);
                    try (HsmConnection c = cf.getConnection()) {
                        SealedShare sealed = c.seal(ctx, ShareSecret.copyOf(share));
                        byte[] back = c.withUnsealed(ctx, sealed, s -> s.bytes().clone());
                        var sig = c.signDigest(digest);
                        if (Arrays.equals(back, share)
                                && ECKey.verify(digest, new ECKey.ECDSASignature(sig.r(), sig.s()), identity)) {
                            ok++;
                        }
                    }
                }
                return ok;
            }));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> f : results) {
            total += f.get(120, TimeUnit.SECONDS);
        }
        executor.shutdown();
        assertThat(total).isEqualTo(threads * rounds);
        assertThat(pool.created.get()).isBetween(1, 4);
        assertThat(pool.destroyed.get()).isZero();
        pool.shutdown();
    }

    @Test
    void anExhaustedPoolMakesCallersWaitThenServesThem() throws Exception {
        TestPool pool = new TestPool(2, 10_000);
        HsmConnectionFactory cf = Fixtures.pooledFactory(pool);
        HsmConnection first = cf.getConnection();
        HsmConnection second = cf.getConnection();
        CompletableFuture<byte[]> waiting = CompletableFuture.supplyAsync(() -> {
            try (HsmConnection c = cf.getConnection()) {
                return c.memberKeys().identity().compressed();
            }
        });
        assertThatThrownBy(() -> waiting.get(500, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        first.close();
        assertThat(waiting.get(10, TimeUnit.SECONDS)).hasSize(33);
        second.close();
        assertThat(pool.created.get()).isEqualTo(2);
        pool.shutdown();
    }

    @Test
    void aTimedOutWaitIsATypedErrorAndThePoolRecoversAfterwards() {
        TestPool pool = new TestPool(1, 200);
        HsmConnectionFactory cf = Fixtures.pooledFactory(pool);
        HsmConnection held = cf.getConnection();
        assertThatThrownBy(cf::getConnection).isInstanceOfSatisfying(HsmException.class, e -> {
            assertThat(e.failure()).isEqualTo(HsmFailure.CONNECTION_UNAVAILABLE);
            assertThat(e.getMessage()).contains("max-pool-size");
            assertThat(e.retryable()).isTrue();
        });
        held.close();
        try (HsmConnection c = cf.getConnection()) {
            assertThat(c.signDigest(new byte[32]).recoveryId()).isBetween(0, 3);
        }
        pool.shutdown();
    }

    @Test
    void aSessionKilledUnderUseIsReportedAndReplaced() throws Exception {
        TestPool pool = new TestPool(1, 5_000);
        HsmConnectionFactory cf = Fixtures.pooledFactory(pool);
        HsmConnection c = cf.getConnection();
        HsmConnectionHandle handle = (HsmConnectionHandle) c;
        long deadHandle = handle.managedConnection().sessionHandle();
        handle.managedConnection().sessionForTests().rawSession().closeSession();

        assertThatThrownBy(() -> c.signDigest(new byte[32])).isInstanceOfSatisfying(HsmException.class, e -> {
            assertThat(e.failure()).isEqualTo(HsmFailure.SESSION_LOST);
            assertThat(e.retryable()).isTrue();
        });
        c.close(); // already released by the error event: must not return the dead connection to the pool
        assertThat(pool.destroyed.get()).isEqualTo(1);
        assertThat(pool.idleCount()).isZero();

        try (HsmConnection fresh = cf.getConnection()) {
            assertThat(((HsmConnectionHandle) fresh).managedConnection().sessionHandle()).isNotEqualTo(deadHandle);
            assertThat(fresh.signDigest(new byte[32])).isNotNull();
        }
        pool.shutdown();
    }

    @Test
    void aSessionThatDiedWhileIdleIsCaughtByValidationBeforeReuse() throws Exception {
        TestPool pool = new TestPool(1, 5_000);
        HsmConnectionFactory cf = Fixtures.pooledFactory(pool);
        HsmManagedConnection idle;
        try (HsmConnection c = cf.getConnection()) {
            idle = ((HsmConnectionHandle) c).managedConnection();
        }
        idle.sessionForTests().rawSession().closeSession();
        int destroyedBefore = pool.destroyed.get();
        try (HsmConnection c = cf.getConnection()) {
            assertThat(((HsmConnectionHandle) c).managedConnection()).isNotSameAs(idle);
            assertThat(c.signDigest(new byte[32])).isNotNull();
        }
        assertThat(pool.destroyed.get()).isEqualTo(destroyedBefore + 1);
        pool.shutdown();
    }

    @Test
    void theVaultRetriesOnceOnAFreshConnectionWhenItsSessionDied() throws Exception {
        TestPool pool = new TestPool(1, 5_000);
        HsmConnectionFactory cf = Fixtures.pooledFactory(pool);
        HsmManagedConnection victim;
        try (HsmConnection c = cf.getConnection()) {
            victim = ((HsmConnectionHandle) c).managedConnection();
        }
        // kill the session behind the idle connection's back and hide it from validation: the first use fails
        HsmShareVault vault = new HsmShareVault(new HsmConnectionFactory() {
            @Override
            public HsmConnection getConnection() {
                HsmConnection c = cf.getConnection();
                HsmManagedConnection mc = ((HsmConnectionHandle) c).managedConnection();
                if (mc == victim && mc.alive()) {
                    try {
                        mc.sessionForTests().rawSession().closeSession();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                }
                return c;
            }

            @Override
            public io.synod.hsm.api.Readiness readiness() {
                return cf.readiness();
            }
        });
        byte[] share = new byte[] {1, 2, 3, 4, 5, 6, 7, 8};
        SealedShare sealed = vault.seal(Fixtures.context(), ShareSecret.copyOf(share));
        byte[] back = vault.withShare(Fixtures.context(), sealed, s -> s.bytes().clone());
        assertThat(back).isEqualTo(share);
        assertThat(pool.destroyed.get()).isEqualTo(1);
        pool.shutdown();
    }
}
