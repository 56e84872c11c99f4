package io.synod.coordination.application.internal;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One tick at a time for a node runtime's timer: a tick that finds another one running is skipped; a tick that
 * fails is logged once per distinct failure (a chain outage would otherwise log every 300 ms) and handed to the
 * shell, which drops its in-memory state and resumes from what it persisted on the next tick.
 */
public final class Ticks {
    private final ReentrantLock lock = new ReentrantLock();
    private final Logger log;
    private final String what;
    private String lastWarning;

    public Ticks(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /** Runs {@code work} unless a tick is running; on failure calls {@code failed} with a one-line reason. */
    public void run(Runnable work, Consumer<String> failed) {
        if (!lock.tryLock()) {
            return;
        }
        try {
            work.run();
            lastWarning = null;
        } catch (RuntimeException e) {
            String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!msg.equals(lastWarning)) {
                log.log(Level.WARNING, what + " tick failed; resuming from what was persisted: " + msg, e);
                lastWarning = msg;
            }
            failed.accept(msg);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} once no tick is running (shutdown). */
    public void exclusive(Runnable work) {
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }
}
