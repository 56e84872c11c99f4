package io.synod.platform.infrastructure.hsm;

import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import io.synod.hsm.api.HsmConnectionFactory;
import io.synod.hsm.api.Readiness;
import io.synod.platform.application.ReadinessCheck;

/** The node is not ready while its token is missing, locked, or lacks the member keys. */
@ApplicationScoped
public class HsmReadiness implements ReadinessCheck {

    @Resource(lookup = HsmNodeIdentity.JNDI)
    private HsmConnectionFactory hsm;

    @Override
    public String name() {
        return "hsm";
    }

    @Override
    public Optional<String> problem() {
        Readiness r = hsm.readiness();
        return r.ready() ? Optional.empty()
                : Optional.of(r.failure().map(f -> f.name() + ": ").orElse("") + r.detail());
    }
}
