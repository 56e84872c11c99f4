package io.synod.threshold.message;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.ecies.Dleq;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.sharing.IndexSet;

/** One well-formed message of every type for a small session (t = 1, members 1..3). */
public final class SampleMessages {
    public static final byte[] SESSION = io.synod.threshold.math.Hashing.hash("test-session", new byte[0]);
    public static final SessionContext CTX = new SessionContext(SESSION, 1, IndexSet.range(3), IndexSet.range(3));

    private SampleMessages() {
    }

    public static List<ThresholdMessage> all(SecureRandom rng) {
        List<ThresholdMessage> out = new ArrayList<>();
        out.add(new DkgDealing(h(MessageType.DKG_DEALING), points(rng, 2), point(rng), blobs(rng, 3, 80)));
        out.add(new Complaint(h(MessageType.DKG_COMPLAINT), 2, point(rng), proof(rng)));
        out.add(new DkgFeldman(h(MessageType.DKG_FELDMAN), points(rng, 2)));
        out.add(new Complaint(h(MessageType.DKG_FELDMAN_COMPLAINT), 3, point(rng), proof(rng)));
        out.add(new PresignDealing(h(MessageType.PRESIGN_DEALING), 1, points(rng, 2), points(rng, 2), point(rng),
                blobs(rng, 3, 80)));
        out.add(new Complaint(h(MessageType.PRESIGN_COMPLAINT), 1, point(rng), proof(rng)));
        out.add(new PresignProduct(h(MessageType.PRESIGN_PRODUCT), List.of(Scalars.random(rng)), List.of(proof(rng)),
                List.of(point(rng)), List.of(proof(rng))));
        out.add(new PartialSignatureMessage(h(MessageType.PARTIAL_SIGNATURE), new byte[32], Scalars.random(rng)));
        out.add(new ReshareDealing(h(MessageType.RESHARE_DEALING), points(rng, 2), point(rng), blobs(rng, 3, 48)));
        out.add(new Complaint(h(MessageType.RESHARE_COMPLAINT), 1, point(rng), proof(rng)));
        out.add(new DkgReveal(h(MessageType.DKG_REVEAL), List.of(1, 3), List.of(Scalars.random(rng),
                Scalars.random(rng)), List.of(Scalars.random(rng), Scalars.random(rng))));
        return out;
    }

    static Header h(MessageType t) {
        return new Header(t, SESSION, 2);
    }

    static ECPoint point(SecureRandom rng) {
        return Secp256k1.mulG(Scalars.random(rng)).normalize();
    }

    static List<ECPoint> points(SecureRandom rng, int n) {
        List<ECPoint> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(point(rng));
        }
        return out;
    }

    static List<byte[]> blobs(SecureRandom rng, int n, int len) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] b = new byte[len];
            rng.nextBytes(b);
            out.add(b);
        }
        return out;
    }

    static Dleq.Proof proof(SecureRandom rng) {
        return new Dleq.Proof(point(rng), point(rng), BigInteger.valueOf(rng.nextInt(1000) + 1));
    }
}
