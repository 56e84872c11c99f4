package io.synod.platform.infrastructure.hsm;

import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;

import io.synod.hsm.api.HsmConnection;
import io.synod.hsm.api.HsmConnectionFactory;
import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.RecoverableSignature;
import io.synod.platform.application.IdentityProof;
import io.synod.platform.application.NodeIdentity;
import io.synod.shared.domain.IdentityKey;
import io.synod.shared.error.ErrorCode;
import io.synod.shared.error.SynodException;

@Stateless
public class HsmNodeIdentity implements NodeIdentity {

    static final String JNDI = "java:/synod/hsm";

    @Resource(lookup = JNDI)
    private HsmConnectionFactory hsm;

    @Override
    public Optional<IdentityKey> identityKey() {
        try (HsmConnection c = hsm.getConnection()) {
            return Optional.of(new IdentityKey(c.memberKeys().identity().compressed()));
        } catch (HsmException e) {
            return Optional.empty();
        }
    }

    @Override
    public IdentityProof prove(byte[] challenge) {
        byte[] digest = IdentityProof.digestOf(challenge);
        try (HsmConnection c = hsm.getConnection()) {
            IdentityKey key = new IdentityKey(c.memberKeys().identity().compressed());
            RecoverableSignature sig = c.signDigest(digest);
            return new IdentityProof(key, digest, sig.r(), sig.s(), sig.recoveryId());
        } catch (HsmException e) {
            throw new SynodException(ErrorCode.UNAVAILABLE, "HSM cannot sign: " + e.getMessage());
        }
    }
}
