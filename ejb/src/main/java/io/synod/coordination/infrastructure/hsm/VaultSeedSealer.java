package io.synod.coordination.infrastructure.hsm;

import io.synod.coordination.infrastructure.persistence.SeedSealer;
import io.synod.hsm.api.Epoch;
import io.synod.hsm.api.GroupId;
import io.synod.hsm.api.MemberIndex;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealPurpose;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.api.ShareSecret;
import io.synod.hsm.vault.ShareVault;
import io.synod.shared.domain.SessionId;

/**
 * Session seeds sealed by the member's vault (its HSM's non-extractable AES key), bound to the session id (as the
 * group id of the seal context), the member and the purpose {@code session-seed}: a blob moved to another session,
 * member or purpose fails authentication.
 */
public final class VaultSeedSealer implements SeedSealer {
    static final SealPurpose PURPOSE = new SealPurpose("session-seed");
    private final ShareVault vault;
    private final MemberIndex member;

    public VaultSeedSealer(ShareVault vault, int memberIndex) {
        this.vault = vault;
        this.member = new MemberIndex(memberIndex);
    }

    private SealContext context(SessionId session) {
        return new SealContext(GroupId.of(session.bytes()), member, new Epoch(0), PURPOSE);
    }

    @Override
    public byte[] seal(SessionId session, byte[] seed) {
        try (ShareSecret s = ShareSecret.copyOf(seed)) {
            return vault.seal(context(session), s).encode();
        }
    }

    @Override
    public byte[] unseal(SessionId session, byte[] sealed) {
        return vault.withShare(context(session), SealedShare.decode(sealed), s -> s.bytes().clone());
    }
}
