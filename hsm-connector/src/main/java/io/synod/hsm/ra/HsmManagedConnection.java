package io.synod.hsm.ra;

import io.synod.hsm.api.AddressedShare;
import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import io.synod.hsm.api.MemberKeys;
import io.synod.hsm.api.RecoverableSignature;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.api.ShareSecret;
import io.synod.hsm.pkcs11.Pkcs11Session;
import jakarta.resource.NotSupportedException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;

import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;
import java.io.PrintWriter;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * One PKCS#11 session owned by the container's pool. Handles delegate here; a session that dies under use raises a
 * connection error event so the container destroys this connection and creates a fresh one.
 */
public class HsmManagedConnection implements ManagedConnection {
    private final HsmManagedConnectionFactory factory;
    private final Pkcs11Session session;
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<HsmConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private PrintWriter logWriter;

    HsmManagedConnection(HsmManagedConnectionFactory factory, Pkcs11Session session) {
        this.factory = factory;
        this.session = session;
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) {
        HsmConnectionHandle handle = new HsmConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        if (!(connection instanceof HsmConnectionHandle handle)) {
            throw new ResourceException("not an HSM connection handle: " + connection);
        }
        HsmManagedConnection previous = handle.reassociate(this);
        if (previous != null) {
            previous.handles.remove(handle);
        }
        handles.add(handle);
    }

    @Override
    public void cleanup() {
        for (HsmConnectionHandle h : handles) {
            h.invalidate();
        }
        handles.clear();
    }

    @Override
    public void destroy() {
        cleanup();
        session.close();
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    @Override
    public XAResource getXAResource() throws ResourceException {
        throw new NotSupportedException("HSM operations are not transactional");
    }

    @Override
    public LocalTransaction getLocalTransaction() throws ResourceException {
        throw new NotSupportedException("HSM operations are not transactional");
    }

    @Override
    public ManagedConnectionMetaData getMetaData() {
        return new HsmConnectionMetaData(factory.getTokenLabel());
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    HsmManagedConnectionFactory factory() {
        return factory;
    }

    boolean broken() {
        return session.broken();
    }

    boolean alive() {
        return session.isAlive();
    }

    /** The PKCS#11 session handle, for diagnostics and fault-injection tests. */
    long sessionHandle() {
        return session.handle();
    }

    /** The underlying session, for fault-injection tests only. */
    Pkcs11Session sessionForTests() {
        return session;
    }

    void handleClosed(HsmConnectionHandle handle) {
        handles.remove(handle);
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
        event.setConnectionHandle(handle);
        for (ConnectionEventListener l : listeners) {
            l.connectionClosed(event);
        }
    }

    MemberKeys memberKeys(HsmConnectionHandle h) {
        return run(h, Pkcs11Session::memberKeys);
    }

    RecoverableSignature signDigest(HsmConnectionHandle h, byte[] digest) {
        return run(h, s -> s.signDigest(digest));
    }

    SealedShare seal(HsmConnectionHandle h, SealContext context, ShareSecret share) {
        return run(h, s -> s.seal(context, share));
    }

    byte[] unseal(HsmConnectionHandle h, SealContext context, SealedShare sealed) {
        return run(h, s -> s.unseal(context, sealed));
    }

    SealedShare acceptAddressed(HsmConnectionHandle h, SealContext context, AddressedShare share) {
        return run(h, s -> s.acceptAddressed(context, share));
    }

    MemberKeys provisionMemberKeys(HsmConnectionHandle h) {
        return run(h, Pkcs11Session::provisionMemberKeys);
    }

    private <T> T run(HsmConnectionHandle handle, Function<Pkcs11Session, T> op) {
        try {
            return op.apply(session);
        } catch (HsmException e) {
            if (e.failure() == HsmFailure.SESSION_LOST || session.broken()) {
                // the handle is dead too: a later close() must not hand this connection back to the pool
                handles.remove(handle);
                handle.invalidate();
                ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, e);
                event.setConnectionHandle(handle);
                for (ConnectionEventListener l : listeners) {
                    l.connectionErrorOccurred(event);
                }
            }
            throw e;
        }
    }
}
