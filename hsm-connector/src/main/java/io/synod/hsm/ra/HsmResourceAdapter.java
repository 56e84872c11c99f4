package io.synod.hsm.ra;

import io.synod.hsm.pkcs11.Pkcs11Token;
import jakarta.resource.NotSupportedException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.BootstrapContext;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;

import javax.transaction.xa.XAResource;
import java.io.Serializable;
import java.util.logging.Logger;

/** The adapter's lifecycle: on stop, closes the tokens' login sessions and finalises the PKCS#11 libraries. */
public class HsmResourceAdapter implements ResourceAdapter, Serializable {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(HsmResourceAdapter.class.getName());

    @Override
    public void start(BootstrapContext context) {
        LOG.info("Synod HSM resource adapter started (PKCS#11 binding: ipkcs11wrapper)");
    }

    @Override
    public void stop() {
        Pkcs11Token.closeAll();
        LOG.info("Synod HSM resource adapter stopped; PKCS#11 libraries finalised");
    }

    @Override
    public void endpointActivation(MessageEndpointFactory factory, ActivationSpec spec) throws NotSupportedException {
        throw new NotSupportedException("the HSM adapter has no inbound side");
    }

    @Override
    public void endpointDeactivation(MessageEndpointFactory factory, ActivationSpec spec) {
        // no inbound side
    }

    @Override
    public XAResource[] getXAResources(ActivationSpec[] specs) {
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HsmResourceAdapter;
    }

    @Override
    public int hashCode() {
        return HsmResourceAdapter.class.hashCode();
    }
}
