package io.synod.hsm.support;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAllocationException;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test-only stand-in for the container's pool (below the unit under test): bounded size, callers wait up to a
 * blocking timeout, idle connections are validated and matched before reuse, a connection that raised a connection
 * error is destroyed. Mirrors the contract WildFly's IronJacamar pool offers a resource adapter.
 */
public final class TestPool implements ConnectionManager {
    private static final long serialVersionUID = 1L;

    private final transient Semaphore permits;
    private final long blockingTimeoutMillis;
    private final transient Deque<ManagedConnection> idle = new ArrayDeque<>();
    private final transient Listener listener = new Listener();
    public final AtomicInteger created = new AtomicInteger();
    public final AtomicInteger destroyed = new AtomicInteger();

    private final boolean validateOnBorrow;

    /** A pool that validates idle connections before handing them out (WildFly's validate-on-match=true). */
    public TestPool(int maxSize, long blockingTimeoutMillis) {
        this(maxSize, blockingTimeoutMillis, true);
    }

    public TestPool(int maxSize, long blockingTimeoutMillis, boolean validateOnBorrow) {
        this.permits = new Semaphore(maxSize, true);
        this.blockingTimeoutMillis = blockingTimeoutMillis;
        this.validateOnBorrow = validateOnBorrow;
    }

    @Override
    public Object allocateConnection(ManagedConnectionFactory mcf, ConnectionRequestInfo info)
            throws ResourceException {
        try {
            if (!permits.tryAcquire(blockingTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new ResourceAllocationException("pool exhausted: no managed connection within "
                        + blockingTimeoutMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ResourceAllocationException("interrupted while waiting for a connection");
        }
        try {
            ManagedConnection mc = takeIdle(mcf, info);
            if (mc == null) {
                mc = mcf.createManagedConnection(null, info);
                mc.addConnectionEventListener(listener);
                created.incrementAndGet();
            }
            return mc.getConnection(null, info);
        } catch (ResourceException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    private ManagedConnection takeIdle(ManagedConnectionFactory mcf, ConnectionRequestInfo info)
            throws ResourceException {
        while (true) {
            ManagedConnection candidate;
            synchronized (idle) {
                candidate = idle.poll();
            }
            if (candidate == null) {
                return null;
            }
            if (validateOnBorrow && mcf instanceof ValidatingManagedConnectionFactory v
                    && !v.getInvalidConnections(Set.of(candidate))
                    .isEmpty()) {
                destroy(candidate);
                continue;
            }
            ManagedConnection matched = mcf.matchManagedConnections(Set.of(candidate), null, info);
            if (matched != null) {
                return matched;
            }
            destroy(candidate);
        }
    }

    public int idleCount() {
        synchronized (idle) {
            return idle.size();
        }
    }

    /** Destroys idle connections, as the container does when the pool is flushed. */
    public void shutdown() {
        synchronized (idle) {
            for (ManagedConnection mc : idle) {
                destroy(mc);
            }
            idle.clear();
        }
    }

    private void destroy(ManagedConnection mc) {
        try {
            mc.destroy();
        } catch (ResourceException ignored) {
            // gone anyway
        }
        destroyed.incrementAndGet();
    }

    private final class Listener implements ConnectionEventListener {
        @Override
        public void connectionClosed(ConnectionEvent event) {
            ManagedConnection mc = (ManagedConnection) event.getSource();
            try {
                mc.cleanup();
                synchronized (idle) {
                    idle.push(mc);
                }
            } catch (ResourceException e) {
                destroy(mc);
            }
            permits.release();
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            ManagedConnection mc = (ManagedConnection) event.getSource();
            destroy(mc);
            permits.release();
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
        }
    }
}
