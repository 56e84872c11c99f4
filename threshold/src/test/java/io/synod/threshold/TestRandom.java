package io.synod.threshold;

import java.security.SecureRandom;

/** A seeded, reproducible randomness source for tests (SHA1PRNG seeded before first use is deterministic). */
public final class TestRandom {
    private TestRandom() {
    }

    public static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
