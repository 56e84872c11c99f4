package io.synod.hsm.ra;

import io.synod.hsm.api.AddressedShare;
import io.synod.hsm.api.EcPublicKey;
import io.synod.hsm.api.Epoch;
import io.synod.hsm.api.HsmConnection;
import io.synod.hsm.api.HsmConnectionFactory;
import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import io.synod.hsm.api.MemberIndex;
import io.synod.hsm.api.RecoverableSignature;
import io.synod.hsm.api.SealContext;
import io.synod.hsm.api.SealPurpose;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.api.ShareSecret;
import io.synod.hsm.support.Fixtures;
import io.synod.hsm.support.TestPool;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.util.BigIntegers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connection operations against a real SoftHSM2 token, checked by independent implementations. */
class HsmConnectionTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final BigInteger HALF_N = CustomNamedCurves.getByName("secp256k1").getN().shiftRight(1);
    private static TestPool pool;
    private static HsmConnectionFactory factory;

    @BeforeAll
    static void setUp() {
        pool = new TestPool(2, 5_000);
        factory = Fixtures.pooledFactory(pool);
    }

    @AfterAll
    static void tearDown() {
        pool.shutdown();
    }

    private static byte[] shareBytes() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    @Test
    void sealThenUnsealReturnsTheShareAndWipesItAfterTheScope() {
        byte[] original = shareBytes();
        SealContext ctx = Fixtures.context();
        try (HsmConnection c = factory.getConnection()) {
            SealedShare sealed = c.seal(ctx, ShareSecret.copyOf(original));
            assertThat(sealed.ciphertext()).hasSize(original.length + SealedShare.TAG_LENGTH);
            ShareSecret[] seen = new ShareSecret[1];
            byte[] copy = c.withUnsealed(ctx, SealedShare.decode(sealed.encode()), share -> {
                seen[0] = share;
                return share.bytes().clone();
            });
            assertThat(copy).isEqualTo(original);
            assertThat(seen[0].isWiped()).isTrue();
            assertThat(seen[0].toString()).contains("redacted").doesNotContain(Arrays.toString(original));
            assertThatThrownBy(seen[0]::bytes).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void theSameShareSealsToDifferentBlobs() {
        byte[] original = shareBytes();
        try (HsmConnection c = factory.getConnection()) {
            SealedShare a = c.seal(Fixtures.context(), ShareSecret.copyOf(original));
            SealedShare b = c.seal(Fixtures.context(), ShareSecret.copyOf(original));
            assertThat(a.nonce()).isNotEqualTo(b.nonce());
            assertThat(a.ciphertext()).isNotEqualTo(b.ciphertext());
        }
    }

    @Test
    void tamperedCiphertextTagOrNonceIsRejected() {
        SealContext ctx = Fixtures.context();
        try (HsmConnection c = factory.getConnection()) {
            SealedShare sealed = c.seal(ctx, ShareSecret.copyOf(shareBytes()));
            byte[] enc = sealed.encode();
            for (int position : new int[] {1, 1 + SealedShare.NONCE_LENGTH, enc.length - 1}) {
                byte[] bad = enc.clone();
                bad[position] ^= 0x01;
                assertThatThrownBy(() -> c.withUnsealed(ctx, SealedShare.decode(bad), s -> {
                    throw new AssertionError("scope must not run on a tampered blob");
                })).isInstanceOfSatisfying(HsmException.class,
                        e -> assertThat(e.failure()).isEqualTo(HsmFailure.AUTHENTICATION_FAILED));
            }
        }
    }

    @Test
    void aShareSealedInOneContextCannotBeOpenedInAnother() {
        SealContext ctx = Fixtures.context();
        List<SealContext> others = List.of(
                new SealContext(Fixtures.group("another-group"), ctx.member(), ctx.epoch(), ctx.purpose()),
                new SealContext(ctx.group(), new MemberIndex(4), ctx.epoch(), ctx.purpose()),
                new SealContext(ctx.group(), ctx.member(), new Epoch(8), ctx.purpose()),
                new SealContext(ctx.group(), ctx.member(), ctx.epoch(), SealPurpose.PRESIGN_NONCE));
        try (HsmConnection c = factory.getConnection()) {
            SealedShare sealed = c.seal(ctx, ShareSecret.copyOf(shareBytes()));
            for (SealContext other : others) {
                assertThatThrownBy(() -> c.withUnsealed(other, sealed, s -> s.bytes().clone()))
                        .isInstanceOfSatisfying(HsmException.class,
                                e -> assertThat(e.failure()).isEqualTo(HsmFailure.AUTHENTICATION_FAILED));
            }
        }
    }

    @Test
    void identitySignaturesVerifyWithBitcoinjAreLowSAndRecoverTheKey() {
        try (HsmConnection c = factory.getConnection()) {
            EcPublicKey identity = c.memberKeys().identity();
            ECKey bitcoinjKey = ECKey.fromPublicOnly(identity.compressed());
            List<Integer> recoveryIds = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                byte[] digest = Fixtures.sha256(("message " + i).getBytes(StandardCharsets.UTF_8));
                RecoverableSignature sig = c.signDigest(digest);
                ECKey.ECDSASignature ecdsa = new ECKey.ECDSASignature(sig.r(), sig.s());
                assertThat(ECKey.verify(digest, ecdsa, bitcoinjKey.getPubKey())).isTrue();
                assertThat(ecdsa.isCanonical()).isTrue();
                assertThat(sig.s()).isLessThanOrEqualTo(HALF_N);
                ECKey recovered = ECKey.recoverFromSignature(sig.recoveryId(), ecdsa, Sha256Hash.wrap(digest), true);
                assertThat(recovered).isNotNull();
                assertThat(recovered.getPubKey()).isEqualTo(identity.compressed());
                recoveryIds.add(sig.recoveryId());
                byte[] other = digest.clone();
                other[0] ^= 1;
                assertThat(ECKey.verify(other, ecdsa, bitcoinjKey.getPubKey())).isFalse();
            }
            // both parities occur over 64 signatures (probability of failure 2^-63)
            assertThat(recoveryIds).contains(0, 1);
        }
    }

    @Test
    void signingRejectsAnythingButA32ByteDigest() {
        try (HsmConnection c = factory.getConnection()) {
            assertThatThrownBy(() -> c.signDigest(new byte[31])).isInstanceOfSatisfying(HsmException.class,
                    e -> assertThat(e.failure()).isEqualTo(HsmFailure.INVALID_INPUT));
        }
    }

    @Test
    void ecdhInTheTokenAgreesWithAnIndependentBouncyCastleComputation() throws Exception {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256k1");
        ECDomainParameters domain = new ECDomainParameters(curve);
        SealContext ctx = Fixtures.context();
        byte[] share = shareBytes();
        try (HsmConnection c = factory.getConnection()) {
            EcPublicKey transport = c.memberKeys().transport();
            // sender side, written independently of the adapter: BouncyCastle key generation and ECDH agreement
            ECKeyPairGenerator gen = new ECKeyPairGenerator();
            gen.init(new ECKeyGenerationParameters(domain, RANDOM));
            AsymmetricCipherKeyPair ephemeral = gen.generateKeyPair();
            ECDHBasicAgreement agreement = new ECDHBasicAgreement();
            agreement.init(ephemeral.getPrivate());
            BigInteger x = agreement.calculateAgreement(
                    new ECPublicKeyParameters(curve.getCurve().decodePoint(transport.compressed()), domain));
            byte[] key = BigIntegers.asUnsignedByteArray(32, x);
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            gcm.updateAAD(AddressedShare.associatedData(ctx));
            byte[] ct = gcm.doFinal(share);
            byte[] ephemeralPub = ((ECPublicKeyParameters) ephemeral.getPublic()).getQ().getEncoded(true);

            SealedShare resealed = c.acceptAddressed(ctx, new AddressedShare(ephemeralPub, nonce, ct));
            byte[] opened = c.withUnsealed(ctx, resealed, s -> s.bytes().clone());
            assertThat(opened).isEqualTo(share);

            // a different ephemeral scalar (so a different shared secret) fails authentication in the token
            BigInteger wrongScalar = ((ECPrivateKeyParameters) ephemeral.getPrivate()).getD().add(BigInteger.ONE);
            byte[] wrongPub = curve.getG().multiply(wrongScalar).getEncoded(true);
            assertThatThrownBy(() -> c.acceptAddressed(ctx, new AddressedShare(wrongPub, nonce, ct)))
                    .isInstanceOfSatisfying(HsmException.class,
                            e -> assertThat(e.failure()).isEqualTo(HsmFailure.AUTHENTICATION_FAILED));
            // and the share addressed in one context is refused in another
            SealContext other = new SealContext(ctx.group(), ctx.member(), new Epoch(99), ctx.purpose());
            assertThatThrownBy(() -> c.acceptAddressed(other, new AddressedShare(ephemeralPub, nonce, ct)))
                    .isInstanceOfSatisfying(HsmException.class,
                            e -> assertThat(e.failure()).isEqualTo(HsmFailure.AUTHENTICATION_FAILED));
        }
    }

    @Test
    void provisioningIsIdempotent() {
        try (HsmConnection c = factory.getConnection()) {
            assertThat(c.provisionMemberKeys()).isEqualTo(c.memberKeys());
            assertThat(c.memberKeys().identity()).isNotEqualTo(c.memberKeys().transport());
        }
    }

    @Test
    void aClosedConnectionRefusesUse() {
        HsmConnection c = factory.getConnection();
        c.close();
        assertThatThrownBy(c::memberKeys).isInstanceOf(HsmException.class).hasMessageContaining("after close");
    }
}
