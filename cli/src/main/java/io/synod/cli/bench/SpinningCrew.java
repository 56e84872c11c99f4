package io.synod.cli.bench;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Worker threads that busy-wait for their next step instead of parking. Waking a parked thread on an idle virtual
 * CPU costs up to a millisecond here, which would measure the hypervisor rather than the signers: a member on its
 * own machine is already running when the signing request reaches it. Used only by the benchmark.
 */
final class SpinningCrew implements AutoCloseable {
    private static final Runnable STOP = () -> { };

    private final AtomicReferenceArray<Runnable> slots;
    private final AtomicReferenceArray<Throwable> failures;
    private final Thread[] workers;

    SpinningCrew(int size) {
        slots = new AtomicReferenceArray<>(size);
        failures = new AtomicReferenceArray<>(size);
        workers = new Thread[size];
        for (int i = 0; i < size; i++) {
            int me = i;
            workers[i] = new Thread(() -> loop(me), "bench-signer-" + i);
            workers[i].setDaemon(true);
            workers[i].start();
        }
    }

    /** Hands a step to worker {@code i}; it must be idle. */
    void start(int i, Runnable step) {
        if (!slots.compareAndSet(i, null, step)) {
            throw new IllegalStateException("worker " + i + " is busy");
        }
    }

    /** Spins until every worker has finished its step; rethrows the first failure. */
    void awaitAll() {
        for (int i = 0; i < workers.length; i++) {
            while (slots.get(i) != null) {
                Thread.onSpinWait();
            }
            Throwable f = failures.getAndSet(i, null);
            if (f != null) {
                throw new IllegalStateException("a signer's step failed", f);
            }
        }
    }

    private void loop(int me) {
        while (true) {
            Runnable step = slots.get(me);
            if (step == null) {
                Thread.onSpinWait();
                continue;
            }
            if (step == STOP) {
                return;
            }
            try {
                step.run();
            } catch (Throwable t) {
                failures.set(me, t);
            }
            slots.set(me, null);
        }
    }

    @Override
    public void close() {
        awaitAll();
        for (int i = 0; i < workers.length; i++) {
            slots.set(i, STOP);
        }
    }
}
