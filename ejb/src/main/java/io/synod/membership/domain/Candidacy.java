package io.synod.membership.domain;

import java.util.Locale;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.chain.evm.Eip712;
import io.synod.shared.domain.Outpoint;

/**
 * A candidate as the registry recorded its registration: identity key (x ‖ y, whose address it signed with), the
 * ECIES key resharing encrypts its sub-shares to, and the stake outpoint it says it paid to the group address.
 */
public record Candidacy(byte[] identityKey, ECPoint encryptionKey, Outpoint stake) {
    public Candidacy {
        if (identityKey.length != 64) {
            throw new IllegalArgumentException("identity key must be 64 bytes (x ‖ y)");
        }
        identityKey = identityKey.clone();
        encryptionKey = encryptionKey.normalize();
    }

    @Override
    public byte[] identityKey() {
        return identityKey.clone();
    }

    public String address() {
        return Eip712.addressOf(identityKey).toLowerCase(Locale.ROOT);
    }

    /** The member it becomes once admitted under {@code index}. */
    public FoundingMember asMember(int index) {
        return new FoundingMember(index, identityKey, encryptionKey);
    }
}
