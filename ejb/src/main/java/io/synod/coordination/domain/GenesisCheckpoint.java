package io.synod.coordination.domain;

import io.synod.shared.domain.SessionId;
import java.util.Arrays;

/**
 * What a member must keep to resume a key generation session: the seed of its session randomness (a secret: it
 * determines its polynomial, so in production it lives sealed next to the shares), the board block the session
 * started at, and the last round whose messages it has posted. Everything else is replayed from the board.
 */
public final class GenesisCheckpoint {
    private final SessionId session;
    private final byte[] seed;
    private final long startBlock;
    private final int postedRound;
    private final boolean finished;

    public GenesisCheckpoint(SessionId session, byte[] seed, long startBlock, int postedRound, boolean finished) {
        if (seed.length != 32 || startBlock < 0 || postedRound < 0 || postedRound > 5) {
            throw new IllegalArgumentException("seed must be 32 bytes, start block and round in range");
        }
        this.session = session;
        this.seed = seed.clone();
        this.startBlock = startBlock;
        this.postedRound = postedRound;
        this.finished = finished;
    }

    public SessionId session() {
        return session;
    }

    public byte[] seed() {
        return seed.clone();
    }

    public long startBlock() {
        return startBlock;
    }

    public int postedRound() {
        return postedRound;
    }

    public boolean finished() {
        return finished;
    }

    public GenesisCheckpoint posted(int round) {
        return new GenesisCheckpoint(session, seed, startBlock, Math.max(round, postedRound), finished);
    }

    public GenesisCheckpoint done() {
        // The seed has no use once the share is sealed: the finished checkpoint does not keep it.
        return new GenesisCheckpoint(session, new byte[32], startBlock, postedRound, true);
    }

    /** Forgets the seed (after the share is sealed, it has no further use). */
    public void wipe() {
        Arrays.fill(seed, (byte) 0);
    }

    @Override
    public String toString() {
        return "GenesisCheckpoint[" + session + ", start " + startBlock + ", posted round " + postedRound
                + (finished ? ", finished" : "") + ", seed redacted]";
    }
}
