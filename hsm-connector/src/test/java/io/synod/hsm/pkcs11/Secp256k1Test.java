package io.synod.hsm.pkcs11;

import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import io.synod.hsm.api.RecoverableSignature;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Low-S normalisation and recovery id, checked against bitcoinj's own signer and recovery. */
class Secp256k1Test {

    private static byte[] raw(BigInteger r, BigInteger s) {
        byte[] out = new byte[64];
        byte[] rb = r.toByteArray();
        byte[] sb = s.toByteArray();
        int rl = Math.min(32, rb.length);
        int sl = Math.min(32, sb.length);
        System.arraycopy(rb, rb.length - rl, out, 32 - rl, rl);
        System.arraycopy(sb, sb.length - sl, out, 64 - sl, sl);
        return out;
    }

    @Test
    void highSFromATokenIsFlippedAndTheRecoveryIdMatchesBitcoinj() {
        for (int i = 0; i < 32; i++) {
            ECKey key = new ECKey();
            Sha256Hash digest = Sha256Hash.of(("vector " + i).getBytes(StandardCharsets.UTF_8));
            ECKey.ECDSASignature low = key.sign(digest);
            BigInteger high = Secp256k1.N.subtract(low.s);
            ECPoint pub = Secp256k1.decode(key.getPubKey());
            RecoverableSignature fromHigh = Secp256k1.normalise(digest.getBytes(), raw(low.r, high), pub);
            RecoverableSignature fromLow = Secp256k1.normalise(digest.getBytes(), raw(low.r, low.s), pub);
            assertThat(fromHigh).isEqualTo(fromLow);
            assertThat(fromHigh.s()).isEqualTo(low.s);
            ECKey recovered = ECKey.recoverFromSignature(fromHigh.recoveryId(), low, digest, true);
            assertThat(recovered.getPubKey()).isEqualTo(key.getPubKey());
            byte[] compact = fromHigh.toCompact();
            assertThat(new BigInteger(1, java.util.Arrays.copyOfRange(compact, 0, 32))).isEqualTo(low.r);
            assertThat(compact[64]).isEqualTo((byte) fromHigh.recoveryId());
        }
    }

    @Test
    void aSignatureThatDoesNotVerifyAgainstTheIdentityKeyIsNeverReturned() {
        ECKey key = new ECKey();
        ECKey other = new ECKey();
        Sha256Hash digest = Sha256Hash.of("fault".getBytes(StandardCharsets.UTF_8));
        ECKey.ECDSASignature sig = key.sign(digest);
        ECPoint pub = Secp256k1.decode(key.getPubKey());
        assertThatThrownBy(() -> Secp256k1.normalise(digest.getBytes(), raw(sig.r.add(BigInteger.ONE), sig.s), pub))
                .isInstanceOfSatisfying(HsmException.class,
                        e -> assertThat(e.failure()).isEqualTo(HsmFailure.DEVICE_ERROR));
        assertThatThrownBy(() -> Secp256k1.normalise(digest.getBytes(), raw(sig.r, sig.s),
                Secp256k1.decode(other.getPubKey()))).isInstanceOf(HsmException.class);
        assertThatThrownBy(() -> Secp256k1.normalise(digest.getBytes(), new byte[64], pub))
                .isInstanceOf(HsmException.class);
    }

    @Test
    void tokenPointsAreAcceptedDerWrappedOrRaw() {
        ECKey key = new ECKey();
        byte[] uncompressed = key.decompress().getPubKey();
        byte[] der = new byte[67];
        der[0] = 0x04;
        der[1] = 0x41;
        System.arraycopy(uncompressed, 0, der, 2, 65);
        assertThat(Secp256k1.decodeTokenPoint(der)).isEqualTo(Secp256k1.decodeTokenPoint(uncompressed));
        assertThat(Secp256k1.toPublicKey(Secp256k1.decodeTokenPoint(der)).compressed()).isEqualTo(key.getPubKey());
    }
}
