package io.synod.hsm.vault;

import io.synod.hsm.support.Fixtures;
import io.synod.hsm.support.TestPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class HsmShareVaultTest extends ShareVaultContract {
    private static TestPool pool;
    private static ShareVault vault;

    @BeforeAll
    static void setUp() {
        pool = new TestPool(2, 5_000);
        vault = new HsmShareVault(Fixtures.pooledFactory(pool));
    }

    @AfterAll
    static void tearDown() {
        pool.shutdown();
    }

    @Override
    protected ShareVault vault() {
        return vault;
    }
}
