package io.synod.hsm.ra;

import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.Readiness;
import io.synod.hsm.pkcs11.PinReference;
import io.synod.hsm.pkcs11.Pkcs11Token;
import io.synod.hsm.pkcs11.TokenSettings;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.ResourceAllocationException;
import jakarta.resource.spi.ValidatingManagedConnectionFactory;

import javax.security.auth.Subject;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Creates managed connections (PKCS#11 sessions) on one token. Configured through the config properties
 * LibraryPath, TokenLabel, PinReference and KeyLabelPrefix (ra.xml defaults, overridden in the resource-adapters
 * subsystem). Checks the token when the container creates the connection factory and logs an operator-readable
 * error if it is not usable; the readiness probe repeats the check.
 */
public class HsmManagedConnectionFactory
        implements ManagedConnectionFactory, ValidatingManagedConnectionFactory, ResourceAdapterAssociation {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(HsmManagedConnectionFactory.class.getName());

    private String libraryPath;
    private String tokenLabel;
    private String pinReference;
    private String keyLabelPrefix = "synod";
    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;
    private transient volatile TokenSettings settings;

    @Override
    public Object createConnectionFactory(ConnectionManager manager) {
        Readiness startup = readiness();
        if (startup.ready()) {
            LOG.info(() -> "HSM ready: " + startup.detail());
        } else {
            LOG.severe(() -> "HSM NOT READY (" + startup.failure().orElseThrow() + "): " + startup.detail());
        }
        return new HsmConnectionFactoryImpl(this, manager);
    }

    @Override
    public Object createConnectionFactory() {
        return createConnectionFactory(new UnpooledConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info)
            throws ResourceException {
        try {
            return new HsmManagedConnection(this, Pkcs11Token.open(settings()).openSession());
        } catch (HsmException e) {
            ResourceAllocationException re = new ResourceAllocationException(e.getMessage());
            re.initCause(e);
            throw re;
        }
    }

    @Override
    public ManagedConnection matchManagedConnections(Set candidates, Subject subject, ConnectionRequestInfo info) {
        for (Object candidate : candidates) {
            if (candidate instanceof HsmManagedConnection mc && mc.factory().equals(this) && !mc.broken()) {
                return mc;
            }
        }
        return null;
    }

    @Override
    public Set<ManagedConnection> getInvalidConnections(Set candidates) {
        Set<ManagedConnection> invalid = new HashSet<>();
        for (Object candidate : candidates) {
            if (candidate instanceof HsmManagedConnection mc && !mc.alive()) {
                invalid.add(mc);
            }
        }
        return invalid;
    }

    /** Readiness of the configured token; never throws. */
    public Readiness readiness() {
        try {
            return Pkcs11Token.probe(settings());
        } catch (HsmException e) {
            return Readiness.down(e);
        }
    }

    TokenSettings settings() {
        TokenSettings s = settings;
        if (s == null) {
            s = new TokenSettings(libraryPath, tokenLabel, PinReference.parse(pinReference), keyLabelPrefix);
            settings = s;
        }
        return s;
    }

    public String getLibraryPath() {
        return libraryPath;
    }

    public void setLibraryPath(String libraryPath) {
        this.libraryPath = libraryPath;
        this.settings = null;
    }

    public String getTokenLabel() {
        return tokenLabel;
    }

    public void setTokenLabel(String tokenLabel) {
        this.tokenLabel = tokenLabel;
        this.settings = null;
    }

    /** The reference (env:, file:, elytron:), never the PIN itself. */
    public String getPinReference() {
        return pinReference;
    }

    public void setPinReference(String pinReference) {
        this.pinReference = pinReference;
        this.settings = null;
    }

    public String getKeyLabelPrefix() {
        return keyLabelPrefix;
    }

    public void setKeyLabelPrefix(String keyLabelPrefix) {
        this.keyLabelPrefix = keyLabelPrefix;
        this.settings = null;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HsmManagedConnectionFactory f && Objects.equals(libraryPath, f.libraryPath)
                && Objects.equals(tokenLabel, f.tokenLabel) && Objects.equals(pinReference, f.pinReference)
                && Objects.equals(keyLabelPrefix, f.keyLabelPrefix);
    }

    @Override
    public int hashCode() {
        return Objects.hash(libraryPath, tokenLabel, pinReference, keyLabelPrefix);
    }

    @Override
    public String toString() {
        return "HsmManagedConnectionFactory[library=" + libraryPath + ", token=" + tokenLabel + ", keys="
                + keyLabelPrefix + "-*]";
    }
}
