package io.synod.membership.domain;

import java.util.Locale;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.chain.evm.Eip712;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.sharing.MemberIndex;

/**
 * A founder as the genesis configuration names it: its member index, its identity public key (64 bytes x ‖ y;
 * it signs protocol envelopes and board posts, and its Ethereum address is its registry identity) and the ECIES
 * public key other members encrypt its shares to.
 */
public record FoundingMember(int index, byte[] identityKey, ECPoint encryptionKey) {
    public FoundingMember {
        MemberIndex.of(index);
        if (identityKey.length != 64) {
            throw new IllegalArgumentException("identity key must be 64 bytes (x ‖ y)");
        }
        identityKey = identityKey.clone();
        encryptionKey = encryptionKey.normalize();
        if (encryptionKey.isInfinity()) {
            throw new IllegalArgumentException("encryption key must not be the point at infinity");
        }
    }

    @Override
    public byte[] identityKey() {
        return identityKey.clone();
    }

    /** The identity key as a curve point (for envelope signature checks). */
    public ECPoint identityPoint() {
        byte[] enc = new byte[65];
        enc[0] = 0x04;
        System.arraycopy(identityKey, 0, enc, 1, 64);
        return Secp256k1.CURVE.decodePoint(enc).normalize();
    }

    /** The identity's Ethereum address, lowercase: who the board and the registry know. */
    public String address() {
        return Eip712.addressOf(identityKey).toLowerCase(Locale.ROOT);
    }
}
