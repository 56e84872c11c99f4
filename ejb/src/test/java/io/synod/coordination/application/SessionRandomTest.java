package io.synod.coordination.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

class SessionRandomTest {

    @Test
    void theSameSeedGivesTheSameStreamWhateverTheReadSizes() {
        byte[] seed = new byte[32];
        seed[5] = 7;
        SessionRandom a = new SessionRandom(seed);
        SessionRandom b = new SessionRandom(seed);
        byte[] x = new byte[70];
        a.nextBytes(x);
        byte[] y1 = new byte[32];
        byte[] y2 = new byte[38];
        b.nextBytes(y1);
        b.nextBytes(y2);
        // Each call starts on a fresh 32-byte block, so only whole-block reads line up.
        assertThat(java.util.Arrays.copyOf(x, 32)).isEqualTo(y1);
        assertThat(new BigInteger(256, new SessionRandom(seed))).isEqualTo(new BigInteger(256, new SessionRandom(seed)));
    }

    @Test
    void anotherSeedGivesAnotherStreamAndReseedingIsRefused() {
        byte[] s1 = new byte[32];
        byte[] s2 = new byte[32];
        s2[0] = 1;
        assertThat(new BigInteger(256, new SessionRandom(s1))).isNotEqualTo(new BigInteger(256, new SessionRandom(s2)));
        SessionRandom r = new SessionRandom(s1);
        assertThatThrownBy(() -> r.setSeed(1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> r.setSeed(new byte[1])).isInstanceOf(UnsupportedOperationException.class);
        assertThat(r.toString()).contains("redacted");
    }
}
