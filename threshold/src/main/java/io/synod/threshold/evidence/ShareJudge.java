package io.synod.threshold.evidence;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.ecies.Dleq;
import io.synod.threshold.ecies.Ecies;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.Complaint;
import io.synod.threshold.message.DkgDealing;
import io.synod.threshold.message.DkgFeldman;
import io.synod.threshold.message.PresignDealing;
import io.synod.threshold.message.ReshareDealing;
import io.synod.threshold.message.ThresholdMessage;
import io.synod.threshold.sharing.Commitments;
import io.synod.threshold.sharing.IndexSet;

/**
 * Judges a complaint against a dealing using only public data: the complainer's DLEQ-proven ECDH point
 * decrypts the share the dealer sent; the dealer is guilty if the ciphertext does not open, a scalar is out of
 * range, or the share contradicts the dealer's commitments. A complaint that fails any check convicts nobody.
 */
public final class ShareJudge {
    private ShareJudge() {
    }

    public static byte[] dleqContext(byte[] sessionId, int complainer, int accused) {
        byte[] c = new byte[36];
        System.arraycopy(sessionId, 0, c, 0, 32);
        c[32] = (byte) (complainer >>> 8);
        c[33] = (byte) complainer;
        c[34] = (byte) (accused >>> 8);
        c[35] = (byte) accused;
        return c;
    }

    /** True if the complaint proves the dealer misbehaved. {@code feldman} may be null (Pedersen phase). */
    public static boolean dealerIsGuilty(ThresholdMessage dealing, IndexSet recipients, Complaint c,
            ECPoint complainerKey, DkgFeldman feldman) {
        int dealer = dealing.header().sender();
        int complainer = c.header().sender();
        if (c.accused() != dealer || !java.util.Arrays.equals(c.header().sessionId(), dealing.header().sessionId())) {
            return false;
        }
        int pos = recipients.position(complainer);
        if (pos < 0) {
            return false;
        }
        ECPoint eph;
        byte[] ct;
        if (dealing instanceof DkgDealing d) {
            eph = d.ephemeral();
            ct = d.ciphertexts().get(pos);
        } else if (dealing instanceof PresignDealing d) {
            eph = d.ephemeral();
            ct = d.ciphertexts().get(pos);
        } else if (dealing instanceof ReshareDealing d) {
            eph = d.ephemeral();
            ct = d.ciphertexts().get(pos);
        } else {
            return false;
        }
        if (!Dleq.verify(dleqContext(c.header().sessionId(), complainer, dealer), Secp256k1.G, complainerKey, eph,
                c.sharedPoint(), c.proof())) {
            return false;
        }
        Optional<byte[]> plain = Ecies.decrypt(c.sharedPoint(), eph, ct, dealing.header().associatedData(complainer));
        if (plain.isEmpty()) {
            return true;
        }
        return !sharesMatch(dealing, complainer, plain.get(), feldman);
    }

    /** Whether decrypted share bytes are in range and consistent with the dealer's public commitments. */
    public static boolean sharesMatch(ThresholdMessage dealing, int recipient, byte[] plain, DkgFeldman feldman) {
        List<BigInteger> s = parse(plain);
        if (s == null) {
            return false;
        }
        if (dealing instanceof DkgDealing d) {
            return s.size() == 2 && Commitments.checkPedersen(d.pedersen(), recipient, s.get(0), s.get(1))
                    && (feldman == null || Commitments.checkFeldman(feldman.commitments(), recipient, s.get(0)));
        }
        if (dealing instanceof PresignDealing d) {
            if (s.size() != 2 * d.batch()) {
                return false;
            }
            for (int b = 0; b < d.batch(); b++) {
                if (!Commitments.checkFeldman(d.kCommitments(b), recipient, s.get(2 * b))
                        || !Commitments.checkFeldman(d.alphaCommitments(b), recipient, s.get(2 * b + 1))) {
                    return false;
                }
            }
            return true;
        }
        if (dealing instanceof ReshareDealing d) {
            return s.size() == 1 && Commitments.checkFeldman(d.commitments(), recipient, s.get(0));
        }
        return false;
    }

    /** 32-byte big-endian scalars below N, or null. */
    public static List<BigInteger> parse(byte[] plain) {
        if (plain.length == 0 || plain.length % 32 != 0) {
            return null;
        }
        BigInteger[] out = new BigInteger[plain.length / 32];
        for (int i = 0; i < out.length; i++) {
            out[i] = Scalars.decode(plain, 32 * i);
            if (!Scalars.isValid(out[i])) {
                return null;
            }
        }
        return List.of(out);
    }
}
