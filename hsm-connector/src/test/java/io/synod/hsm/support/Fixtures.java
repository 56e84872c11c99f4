package io.synod.hsm.support;

import io.synod.hsm.api.Epoch;
import io.synod.hsm.api.GroupId;
import io.synod.hsm.api.HsmConnection;
import io.synod.hsm.api.HsmConnectionFactory;
import io.synod.hsm.api.MemberIndex;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealPurpose;
import io.synod.hsm.ra.HsmManagedConnectionFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Shared set-up: a pooled connection factory on the test token, with the member keys provisioned. */
public final class Fixtures {
    private Fixtures() {
    }

    public static GroupId group(String name) {
        return GroupId.of(sha256(name.getBytes(StandardCharsets.UTF_8)));
    }

    public static SealContext context() {
        return new SealContext(group("synod-test-group"), new MemberIndex(3), new Epoch(7), SealPurpose.KEY_SHARE);
    }

    /** A factory on the main test token behind a fresh test pool, keys provisioned (idempotent). */
    public static HsmConnectionFactory pooledFactory(TestPool pool) {
        HsmManagedConnectionFactory mcf = SoftHsm.get().factory(SoftHsm.TOKEN);
        HsmConnectionFactory cf = (HsmConnectionFactory) mcf.createConnectionFactory(pool);
        try (HsmConnection c = cf.getConnection()) {
            c.provisionMemberKeys();
        }
        return cf;
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
