package io.synod.coordination.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

import io.synod.shared.domain.SessionId;

/** What every {@link SessionStore} must do; each implementation's test extends this. */
public abstract class SessionStoreContract {
    private static final SecureRandom RNG = new SecureRandom();

    protected abstract SessionStore store();

    private static byte[] random() {
        byte[] b = new byte[32];
        RNG.nextBytes(b);
        return b;
    }

    @Test
    void unknownSessionIsEmpty() {
        assertThat(store().load(new SessionId(random()))).isEmpty();
    }

    @Test
    void aSaveReplacesThePreviousCheckpointOfTheSameSessionOnly() {
        SessionStore s = store();
        SessionId a = new SessionId(random());
        SessionId b = new SessionId(random());
        byte[] seed = random();
        GenesisCheckpoint first = new GenesisCheckpoint(a, seed, 17, 0, false);
        s.save(first);
        s.save(new GenesisCheckpoint(b, random(), 3, 0, false));
        s.save(first.posted(2));
        GenesisCheckpoint loaded = s.load(a).orElseThrow();
        assertThat(loaded.seed()).isEqualTo(seed);
        assertThat(loaded.startBlock()).isEqualTo(17);
        assertThat(loaded.postedRound()).isEqualTo(2);
        assertThat(loaded.finished()).isFalse();
        assertThat(s.load(b).orElseThrow().startBlock()).isEqualTo(3);
    }

    @Test
    void aFinishedCheckpointKeepsNoSeed() {
        SessionStore s = store();
        SessionId a = new SessionId(random());
        s.save(new GenesisCheckpoint(a, random(), 1, 4, false).done());
        GenesisCheckpoint loaded = s.load(a).orElseThrow();
        assertThat(loaded.finished()).isTrue();
        assertThat(loaded.seed()).containsOnly(0);
    }

    @Test
    void theSeedNeverShowsInToString() {
        byte[] seed = random();
        GenesisCheckpoint c = new GenesisCheckpoint(new SessionId(random()), seed, 1, 0, false);
        assertThat(c.toString()).contains("seed redacted")
                .doesNotContainIgnoringCase(java.util.HexFormat.of().formatHex(seed).substring(0, 12));
    }
}
