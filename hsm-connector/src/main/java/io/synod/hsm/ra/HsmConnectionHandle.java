package io.synod.hsm.ra;

import io.synod.hsm.api.AddressedShare;
import io.synod.hsm.api.HsmConnection;
import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import io.synod.hsm.api.MemberKeys;
import io.synod.hsm.api.RecoverableSignature;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.api.ShareScope;
import io.synod.hsm.api.ShareSecret;

/** The application's view of a pooled connection; closing it returns the managed connection to the pool. */
public class HsmConnectionHandle implements HsmConnection {
    private volatile HsmManagedConnection managed;
    private volatile boolean closed;

    HsmConnectionHandle(HsmManagedConnection managed) {
        this.managed = managed;
    }

    HsmManagedConnection reassociate(HsmManagedConnection next) {
        HsmManagedConnection previous = managed;
        managed = next;
        return previous;
    }

    void invalidate() {
        closed = true;
    }

    /** The managed connection behind this handle: for the pool tests. */
    HsmManagedConnection managedConnection() {
        return open();
    }

    private HsmManagedConnection open() {
        HsmManagedConnection mc = managed;
        if (closed || mc == null) {
            throw new HsmException(HsmFailure.CONFIGURATION, "HSM connection used after close");
        }
        return mc;
    }

    @Override
    public MemberKeys memberKeys() {
        return open().memberKeys(this);
    }

    @Override
    public RecoverableSignature signDigest(byte[] digest32) {
        return open().signDigest(this, digest32);
    }

    @Override
    public SealedShare seal(SealContext context, ShareSecret share) {
        return open().seal(this, context, share);
    }

    @Override
    public <T> T withUnsealed(SealContext context, SealedShare sealed, ShareScope<T> scope) {
        try (ShareSecret share = ShareSecret.adopt(open().unseal(this, context, sealed))) {
            return scope.apply(share);
        }
    }

    @Override
    public SealedShare acceptAddressed(SealContext context, AddressedShare share) {
        return open().acceptAddressed(this, context, share);
    }

    @Override
    public MemberKeys provisionMemberKeys() {
        return open().provisionMemberKeys(this);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        HsmManagedConnection mc = managed;
        if (mc != null) {
            mc.handleClosed(this);
        }
    }
}
