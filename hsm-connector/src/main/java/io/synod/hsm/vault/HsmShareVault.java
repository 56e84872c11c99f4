package io.synod.hsm.vault;

import io.synod.hsm.api.AddressedShare;
import io.synod.hsm.api.EcPublicKey;
import io.synod.hsm.api.HsmConnection;
import io.synod.hsm.api.HsmConnectionFactory;
import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import io.synod.hsm.api.Readiness;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.api.ShareScope;
import io.synod.hsm.api.ShareSecret;

import java.util.Objects;
import java.util.function.Function;

/**
 * The production vault: every operation runs on a pooled token connection. A call that lost its session is retried
 * once on a fresh connection (the container has replaced the dead one); the caller's scope never runs twice.
 */
public final class HsmShareVault implements ShareVault {
    private final HsmConnectionFactory connections;

    public HsmShareVault(HsmConnectionFactory connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    @Override
    public String kind() {
        return "hsm";
    }

    @Override
    public SealedShare seal(SealContext context, ShareSecret share) {
        return withRetry(c -> c.seal(context, share));
    }

    @Override
    public <T> T withShare(SealContext context, SealedShare sealed, ShareScope<T> scope) {
        boolean[] entered = new boolean[1];
        try {
            return connectionCall(c -> c.withUnsealed(context, sealed, share -> {
                entered[0] = true;
                return scope.apply(share);
            }));
        } catch (HsmException e) {
            if (entered[0] || e.failure() != HsmFailure.SESSION_LOST) {
                throw e;
            }
            return connectionCall(c -> c.withUnsealed(context, sealed, scope));
        }
    }

    @Override
    public SealedShare acceptAddressed(SealContext context, AddressedShare share) {
        return withRetry(c -> c.acceptAddressed(context, share));
    }

    @Override
    public EcPublicKey transportKey() {
        return withRetry(c -> c.memberKeys().transport());
    }

    @Override
    public Readiness readiness() {
        return connections.readiness();
    }

    private <T> T withRetry(Function<HsmConnection, T> op) {
        try {
            return connectionCall(op);
        } catch (HsmException e) {
            if (e.failure() != HsmFailure.SESSION_LOST) {
                throw e;
            }
            return connectionCall(op);
        }
    }

    private <T> T connectionCall(Function<HsmConnection, T> op) {
        try (HsmConnection c = connections.getConnection()) {
            return op.apply(c);
        }
    }
}
