package io.synod.hsm.vault;

import io.synod.hsm.api.AddressedShare;
import io.synod.hsm.api.EcPublicKey;
import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import io.synod.hsm.api.Readiness;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.api.ShareScope;
import io.synod.hsm.api.ShareSecret;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

import javax.crypto.Cipher;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * DEVELOPMENT ONLY. Keeps the sealing key and transport key in process memory, so anyone who can read the JVM's
 * memory or a heap dump has every share. Refuses to start unless {@code synod.vault.dev=true} is set as a system
 * property (or {@code SYNOD_VAULT_DEV=true} in the environment), and logs a warning at every start.
 */
public final class DevSoftwareShareVault implements ShareVault {
    public static final String SWITCH = "synod.vault.dev";
    public static final String ENV_SWITCH = "SYNOD_VAULT_DEV";
    private static final Logger LOG = Logger.getLogger(DevSoftwareShareVault.class.getName());
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    private final SecureRandom random;
    private final byte[] sealKey = new byte[32];
    private final BigInteger transportPrivate;
    private final EcPublicKey transportPublic;

    private DevSoftwareShareVault(SecureRandom random) {
        this.random = random;
        random.nextBytes(sealKey);
        transportPrivate = BigIntegers.createRandomInRange(BigInteger.ONE, CURVE.getN().subtract(BigInteger.ONE),
                random);
        transportPublic = new EcPublicKey(
                new FixedPointCombMultiplier().multiply(CURVE.getG(), transportPrivate).getEncoded(true));
    }

    /** Starts the vault if the development switch is on, from the JVM's system properties and environment. */
    public static DevSoftwareShareVault start() {
        return start(System::getProperty, System::getenv, new SecureRandom());
    }

    static DevSoftwareShareVault start(Function<String, String> properties, Function<String, String> environment,
                                       SecureRandom random) {
        boolean allowed = "true".equals(properties.apply(SWITCH)) || "true".equals(environment.apply(ENV_SWITCH));
        if (!allowed) {
            throw new HsmException(HsmFailure.CONFIGURATION, "refusing to start the software share vault: it keeps "
                    + "key shares protected only by process memory. Configure an HSM (docs/operations.md) or, on a "
                    + "development machine only, set -D" + SWITCH + "=true");
        }
        LOG.severe("""

                ************************************************************************
                *  DEVELOPMENT SHARE VAULT IN USE (synod.vault.dev=true)               *
                *  Key shares are sealed under a key held in this JVM's memory.        *
                *  NEVER use this with real funds: configure a PKCS#11 HSM instead.    *
                ************************************************************************""");
        return new DevSoftwareShareVault(random);
    }

    @Override
    public String kind() {
        return "software-dev";
    }

    @Override
    public SealedShare seal(SealContext context, ShareSecret share) {
        byte[] nonce = new byte[SealedShare.NONCE_LENGTH];
        random.nextBytes(nonce);
        return new SealedShare(nonce, AddressedShareCipher.gcm(Cipher.ENCRYPT_MODE, sealKey, nonce,
                context.associatedData(), share.bytes()));
    }

    @Override
    public <T> T withShare(SealContext context, SealedShare sealed, ShareScope<T> scope) {
        byte[] plain = AddressedShareCipher.gcm(Cipher.DECRYPT_MODE, sealKey, sealed.nonce(),
                context.associatedData(), sealed.ciphertext());
        try (ShareSecret share = ShareSecret.adopt(plain)) {
            return scope.apply(share);
        }
    }

    @Override
    public SealedShare acceptAddressed(SealContext context, AddressedShare share) {
        byte[] plain = AddressedShareCipher.decrypt(transportPrivate, context, share);
        try (ShareSecret secret = ShareSecret.adopt(plain)) {
            return seal(context, secret);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    @Override
    public EcPublicKey transportKey() {
        return transportPublic;
    }

    @Override
    public Readiness readiness() {
        return Readiness.up("DEVELOPMENT software vault (synod.vault.dev=true): not for real funds");
    }

    @Override
    public String toString() {
        return "DevSoftwareShareVault[development only, keys redacted]";
    }
}
