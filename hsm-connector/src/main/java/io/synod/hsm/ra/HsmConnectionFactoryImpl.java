package io.synod.hsm.ra;

import io.synod.hsm.api.HsmConnection;
import io.synod.hsm.api.HsmConnectionFactory;
import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import io.synod.hsm.api.Readiness;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;

import javax.naming.Reference;

/** The object bound in JNDI; asks the container's connection manager for a pooled connection. */
public class HsmConnectionFactoryImpl implements HsmConnectionFactory, Referenceable {
    private static final long serialVersionUID = 1L;

    private final HsmManagedConnectionFactory factory;
    private final transient ConnectionManager manager;
    private Reference reference;

    public HsmConnectionFactoryImpl(HsmManagedConnectionFactory factory, ConnectionManager manager) {
        this.factory = factory;
        this.manager = manager;
    }

    @Override
    public HsmConnection getConnection() {
        try {
            return (HsmConnection) manager.allocateConnection(factory, null);
        } catch (ResourceException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof HsmException hsm) {
                    throw new HsmException(hsm.failure(), hsm.getMessage(), e);
                }
            }
            throw new HsmException(HsmFailure.CONNECTION_UNAVAILABLE,
                    "no HSM connection available: " + e.getMessage()
                            + " (raise the pool's max-pool-size or blocking-timeout-millis, or look for callers "
                            + "holding connections)", e);
        }
    }

    @Override
    public Readiness readiness() {
        return factory.readiness();
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }
}
