package io.synod.coordination.application.reshare;

import java.security.SecureRandom;

/** The tests' randomness for keys (a real CSPRNG; nothing is seeded). */
final class GenesisFixtureRandom {
    static final SecureRandom RNG = new SecureRandom();

    private GenesisFixtureRandom() {
    }
}
