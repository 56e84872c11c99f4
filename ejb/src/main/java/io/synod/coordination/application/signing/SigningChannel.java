package io.synod.coordination.application.signing;

import io.synod.coordination.domain.signing.ApprovalQuorum;
import io.synod.membership.domain.FoundingSet;
import io.synod.shared.domain.SessionId;

/**
 * How the members of one epoch sign, as every one of them configures it. {@code channel} is the board session on
 * which presigning starts and signing proposals are posted (each then runs in a sub-session of its own); members
 * read it from {@code startBlock}. A sub-session's round r closes, at the latest, at the first board block that is
 * {@code r·roundBlocks} blocks and {@code r·roundSeconds} seconds of block time after the block of the frame that
 * opened it (see {@link RoundClock}): deadlines are board heights and block timestamps, so every member agrees on
 * them. {@code poolLevel} presignatures are kept ready, made {@code presignBatch} per presigning session.
 */
public record SigningChannel(SessionId channel, FoundingSet members, long startBlock, long roundBlocks,
        long roundSeconds, int poolLevel, int presignBatch) {
    public SigningChannel {
        if (startBlock < 0 || roundBlocks < 1 || roundSeconds < 0) {
            throw new IllegalArgumentException("start block >= 0, round length >= 1 block and >= 0 seconds");
        }
        if (poolLevel < 0 || presignBatch < 1 || presignBatch > 256) {
            throw new IllegalArgumentException("pool level >= 0 and presign batch in 1..256");
        }
    }

    /** A channel whose rounds are counted in blocks only (a chain whose blocks come at a steady pace). */
    public SigningChannel(SessionId channel, FoundingSet members, long startBlock, long roundBlocks, int poolLevel,
            int presignBatch) {
        this(channel, members, startBlock, roundBlocks, 0, poolLevel, presignBatch);
    }

    /** The clock of a sub-session of this channel opened at {@code openedAt}, read on {@code board}. */
    RoundClock clock(io.synod.coordination.domain.MessageBoard board, long openedAt) {
        return new RoundClock(board, openedAt, roundBlocks, roundSeconds);
    }

    /** The channel id members of an epoch agree on without talking: H(tag, epoch, compressed group key). */
    public static SessionId channelOf(long epoch, byte[] compressedGroupKey) {
        return new SessionId(io.synod.threshold.math.Hashing.hash("SYNOD/signing/channel/v1",
                java.nio.ByteBuffer.allocate(8).putLong(epoch).array(), compressedGroupKey));
    }

    public int threshold() {
        return members.t();
    }

    /** Members a presignature and a combination need: 2t+1. */
    public int quorum() {
        return approvals().signers();
    }

    /** How many approvals each kind of action needs in this epoch (more than 2t+1 for payouts when n > 3t+1). */
    public ApprovalQuorum approvals() {
        return new ApprovalQuorum(members.size(), members.t());
    }
}
