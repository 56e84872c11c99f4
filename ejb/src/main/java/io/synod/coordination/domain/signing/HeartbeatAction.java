package io.synod.coordination.domain.signing;

import java.nio.ByteBuffer;

/**
 * The group's liveness heartbeat: "the members of epoch {@code epoch} were alive at sidechain block
 * {@code boardBlock}" (heartbeat number {@code sequence}). Its digest is a tagged hash that can be neither a Bitcoin
 * sighash nor an EIP-712 digest (see {@link HeartbeatVerifier} and docs/protocol.md), so a heartbeat signature
 * authorises nothing.
 */
public record HeartbeatAction(long epoch, long sequence, long boardBlock) implements SignableAction {
    public static final int ENCODED_BYTES = 24;

    public HeartbeatAction {
        if (epoch < 1 || sequence < 0 || boardBlock < 0) {
            throw new IllegalArgumentException("epoch >= 1, sequence and block >= 0");
        }
    }

    @Override
    public ActionKind kind() {
        return ActionKind.HEARTBEAT;
    }

    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(ENCODED_BYTES).putLong(epoch).putLong(sequence).putLong(boardBlock).array();
    }

    /** Strict decode: exactly 24 bytes, values in range. */
    public static HeartbeatAction decode(byte[] b) {
        if (b.length != ENCODED_BYTES) {
            throw new IllegalArgumentException("heartbeat must be " + ENCODED_BYTES + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        return new HeartbeatAction(in.getLong(), in.getLong(), in.getLong());
    }
}
