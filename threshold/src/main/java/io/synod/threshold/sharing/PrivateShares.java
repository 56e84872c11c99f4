package io.synod.threshold.sharing;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.dkg.Keys;
import io.synod.threshold.ecies.Dleq;
import io.synod.threshold.ecies.Ecies;
import io.synod.threshold.evidence.ShareJudge;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.Complaint;
import io.synod.threshold.message.Header;
import io.synod.threshold.message.MessageType;

/** Encrypting dealt shares to their recipients and, when one is bad, complaining with a verifiable reveal. */
public final class PrivateShares {
    private PrivateShares() {
    }

    public record Encrypted(ECPoint ephemeral, List<byte[]> ciphertexts) {
    }

    public static Encrypted encrypt(Header h, IndexSet recipients, IntFunction<byte[]> plaintextFor, Keys keys,
            SecureRandom rng) {
        BigInteger e = Scalars.random(rng);
        ECPoint eph = Secp256k1.mulG(e).normalize();
        List<byte[]> cts = new ArrayList<>(recipients.size());
        for (int pos = 0; pos < recipients.size(); pos++) {
            int r = recipients.get(pos);
            ECPoint z = keys.encryptionKey(r).multiply(e);
            byte[] plain = plaintextFor.apply(r);
            cts.add(Ecies.encrypt(z, eph, plain, h.associatedData(r)));
            java.util.Arrays.fill(plain, (byte) 0);
        }
        return new Encrypted(eph, cts);
    }

    public static Optional<byte[]> decrypt(Header dealing, ECPoint eph, byte[] ct, Keys keys) {
        ECPoint z = eph.multiply(keys.decryptionKey().value());
        return Ecies.decrypt(z, eph, ct, dealing.associatedData(keys.self()));
    }

    /** Reveals Z = y·E with a DLEQ proof; the complaint does not reveal y. */
    public static Complaint complain(MessageType type, byte[] sessionId, Keys keys, int accused, ECPoint eph,
            SecureRandom rng) {
        BigInteger y = keys.decryptionKey().value();
        ECPoint z = eph.multiply(y).normalize();
        Dleq.Proof proof = Dleq.prove(ShareJudge.dleqContext(sessionId, keys.self(), accused), Secp256k1.G,
                keys.encryptionKey(keys.self()), eph, z, y, rng);
        return new Complaint(new Header(type, sessionId, keys.self()), accused, z, proof);
    }

    public static byte[] scalars(BigInteger... ks) {
        byte[] out = new byte[32 * ks.length];
        for (int i = 0; i < ks.length; i++) {
            System.arraycopy(Scalars.encode(ks[i]), 0, out, 32 * i, 32);
        }
        return out;
    }
}
