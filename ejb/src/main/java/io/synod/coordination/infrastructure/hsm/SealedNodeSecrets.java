package io.synod.coordination.infrastructure.hsm;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Function;

import io.synod.coordination.infrastructure.persistence.JpaCoordinationRecords.SealedSecret;
import io.synod.hsm.api.Epoch;
import io.synod.hsm.api.GroupId;
import io.synod.hsm.api.MemberIndex;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealPurpose;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.api.ShareSecret;
import io.synod.hsm.vault.ShareVault;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;

/**
 * Long-term node secrets that the connector cannot keep as token objects today, sealed by the vault instead.
 *
 * <p>The DKG's ECIES decryption key: the threshold core decrypts dealings with its own ECIES (a scalar y, shares
 * encrypted to y·G), while the token's transport key only serves the connector's own addressed-share format
 * ({@code acceptAddressed}). So y is drawn here, sealed at once, stored sealed, and unsealed only into memory for
 * the session that needs it. The board gas key pays for this member's board transactions; it authorises nothing
 * (the board checks the identity key's signature), so it is sealed the same way only to keep it off disk in clear.
 *
 * <p>Node secrets are not bound to a group: their seal context uses a fixed group id, member 1 and epoch 0, with
 * the purpose naming the secret.
 */
public final class SealedNodeSecrets {
    public static final String DKG_DECRYPTION_KEY = "dkg-decryption-key";
    public static final String BOARD_GAS_KEY = "board-gas-key";
    private static final GroupId NODE_SCOPE = GroupId.of(Hashing.hash("SYNOD/node-secrets/v1", new byte[0]));

    private final ShareVault vault;
    private final SecureRandom random;

    public SealedNodeSecrets(ShareVault vault, SecureRandom random) {
        this.vault = vault;
        this.random = random;
    }

    private static SealContext context(String purpose) {
        return new SealContext(NODE_SCOPE, new MemberIndex(1), new Epoch(0), new SealPurpose(purpose));
    }

    /**
     * A fresh secp256k1 key for {@code purpose}, sealed; its public half given by {@code publicOf} (the compressed
     * point for the ECIES key, the 20-byte account address for the gas key). The plaintext is wiped here.
     */
    public SealedSecret generate(String purpose, Function<BigInteger, byte[]> publicOf) {
        BigInteger k = Scalars.random(random);
        byte[] plain = Scalars.encode(k);
        try (ShareSecret s = ShareSecret.adopt(plain)) {
            return new SealedSecret(publicOf.apply(k), vault.seal(context(purpose), s).encode());
        }
    }

    /** The ECIES key's public half: the compressed point y·G. */
    public static byte[] compressedPoint(BigInteger k) {
        return Secp256k1.encode(Secp256k1.mulG(k));
    }

    /** Opens a sealed node secret into memory for as long as the caller keeps it (a session), checking its public half. */
    public BigInteger open(String purpose, SealedSecret sealed, Function<BigInteger, byte[]> publicOf) {
        BigInteger k = vault.withShare(context(purpose), SealedShare.decode(sealed.sealed()),
                s -> new BigInteger(1, s.bytes()));
        if (!Arrays.equals(publicOf.apply(k), sealed.publicKey())) {
            throw new IllegalStateException("sealed " + purpose + " does not match its recorded public key");
        }
        return k;
    }

    @Override
    public String toString() {
        return "SealedNodeSecrets[" + vault.kind() + "]";
    }
}
