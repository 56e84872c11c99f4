package io.synod.coordination.application.reshare;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.math.Polynomial;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.Header;
import io.synod.threshold.message.MessageType;
import io.synod.threshold.message.ReshareDealing;
import io.synod.threshold.reshare.ReshareDealer;
import io.synod.threshold.sharing.PrivateShares;

/**
 * Fault injection for operators' drills on a test network. {@link #badShareToOneRecipient}: this member, as a dealer
 * of its next resharing, sends one recipient a sub-share that contradicts its own commitments. Everything else in the dealing is honest (correct
 * commitments, correct sub-shares to the others, properly encrypted), so the recipient's complaint is what proves it
 * and the other dealings are enough to finish without this one. Never armed unless a node's drill setting asks for
 * it (the server's drill settings refuse anything but regtest).
 */
public final class ReshareDrill {
    private ReshareDrill() {
    }

    /** The recipient the drilled dealer cheats: the lowest-indexed new member other than the dealer itself. */
    public static int victimOf(ReshareSession s, int dealer) {
        return Arrays.stream(s.newMembers().indices().indices()).filter(j -> j != dealer).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no recipient besides the dealer"));
    }

    /** Arms {@code c}: its dealing gives {@link #victimOf} g(j) + 1 instead of g(j), encrypted as usual. */
    public static void badShareToOneRecipient(ReshareCoordinator c) {
        int victim = victimOf(c.session(), c.self());
        c.dealWith((cfg, share, keys, rng) -> {
            Polynomial g = Polynomial.withConstant(share.secret(), cfg.newT(), rng);
            Header h = new Header(MessageType.RESHARE_DEALING, cfg.sessionId(), share.index());
            PrivateShares.Encrypted enc = PrivateShares.encrypt(h, cfg.newMembers(), j -> PrivateShares.scalars(
                    j == victim ? g.evaluate(j).add(BigInteger.ONE).mod(Secp256k1.N) : g.evaluate(j)), keys, rng);
            List<ECPoint> commitments = g.feldman();
            g.wipe();
            return new ReshareDealing(h, commitments, enc.ephemeral(), enc.ciphertexts());
        });
    }

    /**
     * Arms {@code c}: its dealing reshares x_i + 1 instead of its share x_i, with commitments and sub-shares that agree
     * with each other, so no recipient complains; only the constant check (commitment 0 against the dealer's public
     * share X_i in the old epoch) shows it, to everyone.
     */
    public static void wrongConstant(ReshareCoordinator c) {
        c.dealWith((cfg, share, keys, rng) -> ReshareDealer.deal(cfg, new KeyShare(share.index(),
                share.secret().add(BigInteger.ONE).mod(Secp256k1.N), share.group()), keys, rng));
    }
}
