package io.synod.coordination.infrastructure.hsm;

import java.util.Arrays;

import io.synod.coordination.infrastructure.evm.BoardSigner;
import io.synod.hsm.api.HsmConnection;
import io.synod.hsm.api.HsmConnectionFactory;
import io.synod.hsm.api.RecoverableSignature;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.MessageSigner;

/**
 * The member's identity key, which never leaves its token: it signs protocol envelopes (r ‖ s over the 32-byte
 * envelope hash) and board posts (r ‖ s ‖ v over the EIP-712 digest). The token signs raw ECDSA; the connector
 * normalises to low S and computes the recovery id.
 */
public final class HsmIdentity {
    private final HsmConnectionFactory hsm;

    public HsmIdentity(HsmConnectionFactory hsm) {
        this.hsm = hsm;
    }

    /** The identity public key as x ‖ y (64 bytes), as the founding set and the registry name it. */
    public byte[] publicKey64() {
        try (HsmConnection c = hsm.getConnection()) {
            byte[] enc = Secp256k1.CURVE.decodePoint(c.memberKeys().identity().compressed()).normalize()
                    .getEncoded(false);
            return Arrays.copyOfRange(enc, 1, 65);
        }
    }

    public MessageSigner messageSigner() {
        return input -> {
            RecoverableSignature sig = sign(input);
            return Arrays.copyOf(sig.toCompact(), 64);
        };
    }

    public BoardSigner boardSigner() {
        return digest -> {
            byte[] out = sign(digest).toCompact();
            out[64] = (byte) (out[64] + 27);
            return out;
        };
    }

    private RecoverableSignature sign(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("the identity key signs 32-byte digests only, got " + digest.length);
        }
        try (HsmConnection c = hsm.getConnection()) {
            return c.signDigest(digest);
        }
    }
}
