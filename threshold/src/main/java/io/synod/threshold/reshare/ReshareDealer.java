package io.synod.threshold.reshare;

import java.security.SecureRandom;
import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.dkg.Keys;
import io.synod.threshold.math.Polynomial;
import io.synod.threshold.message.Header;
import io.synod.threshold.message.MessageType;
import io.synod.threshold.message.ReshareDealing;
import io.synod.threshold.sharing.PrivateShares;

/** An old holder's single step: deal g with g(0) = x_i (degree t') to the new members. */
public final class ReshareDealer {
    private ReshareDealer() {
    }

    public static ReshareDealing deal(ReshareConfig cfg, KeyShare share, Keys keys, SecureRandom rng) {
        if (!cfg.dealers().contains(share.index()) || share.index() != keys.self()) {
            throw new io.synod.threshold.ThresholdException("member is not a dealer of this resharing");
        }
        Polynomial g = Polynomial.withConstant(share.secret(), cfg.newT(), rng);
        Header h = new Header(MessageType.RESHARE_DEALING, cfg.sessionId(), share.index());
        PrivateShares.Encrypted enc = PrivateShares.encrypt(h, cfg.newMembers(),
                j -> PrivateShares.scalars(g.evaluate(j)), keys, rng);
        List<ECPoint> commitments = g.feldman();
        g.wipe();
        return new ReshareDealing(h, commitments, enc.ephemeral(), enc.ciphertexts());
    }
}
