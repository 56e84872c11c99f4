package io.synod.coordination.domain.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.LongSupplier;

/**
 * A member's check of a heartbeat: the encoding is strict, the epoch is this member's current one, and the named
 * board block is not in this member's future nor older than {@code maxAgeBlocks} (so an old heartbeat cannot be
 * replayed as proof of liveness). The digest is
 * {@code SHA-256(SHA-256(TAG) ‖ SHA-256(TAG) ‖ encoding)} with {@link #TAG}, untweaked.
 *
 * <p>Why this can be no Bitcoin sighash: legacy and segwit v0 sighashes are SHA-256(SHA-256(x)), i.e. SHA-256 of
 * a 32-byte input, while this is SHA-256 of an 88-byte input: equal outputs would be a SHA-256 collision. Taproot
 * sighashes are tagged hashes whose 64-byte prefix is SHA-256("TapSighash") twice; ours starts with another
 * 64-byte prefix, so again only a collision could make them equal. An EIP-712 digest is keccak256(0x19 0x01 ‖ ...):
 * a SHA-256 output equal to it would be a cross-function collision. The same holds for Ethereum personal-sign
 * (keccak256 of "\x19Ethereum Signed Message:..."). So a heartbeat signature can never be replayed as a spend or
 * as a sidechain authorisation.
 */
public final class HeartbeatVerifier implements ActionVerifier {
    public static final String TAG = "SYNOD/heartbeat/v1 (not a Bitcoin sighash, not EIP-712)";

    private final long epoch;
    private final LongSupplier boardHead;
    private final long maxAgeBlocks;

    public HeartbeatVerifier(long epoch, LongSupplier boardHead, long maxAgeBlocks) {
        this.epoch = epoch;
        this.boardHead = boardHead;
        this.maxAgeBlocks = maxAgeBlocks;
    }

    @Override
    public ActionKind kind() {
        return ActionKind.HEARTBEAT;
    }

    @Override
    public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
        HeartbeatAction h = ActionVerifier.decodeOrRefuse(kind(), encodedAction, HeartbeatAction::decode);
        if (h.epoch() != epoch) {
            throw refuse("heartbeat for epoch " + h.epoch() + ", this member is in " + epoch);
        }
        long head = boardHead.getAsLong();
        if (h.boardBlock() > head || head - h.boardBlock() > maxAgeBlocks) {
            throw refuse("heartbeat names block " + h.boardBlock() + ", board head is " + head);
        }
        return SigningTarget.untweaked(digest(encodedAction));
    }

    /** The tagged hash of a heartbeat encoding. */
    public static byte[] digest(byte[] encoded) {
        try {
            byte[] tag = MessageDigest.getInstance("SHA-256").digest(TAG.getBytes(StandardCharsets.UTF_8));
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(tag);
            d.update(tag);
            return d.digest(encoded);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
