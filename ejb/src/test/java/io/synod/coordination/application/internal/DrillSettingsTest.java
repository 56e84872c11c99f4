package io.synod.coordination.application.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.synod.chain.bitcoin.BitcoinNetwork;

/** The drills are regtest-only and named exactly; anything else keeps a node from signing or resharing. */
class DrillSettingsTest {

    @Test
    void bothDrillsAreAcceptedOnRegtestOnly() {
        for (String drill : new String[] {"bad-partial-signature", "bad-reshare-share"}) {
            assertThat(DrillSettings.of(" " + drill.toUpperCase() + " ", BitcoinNetwork.BCOIN_REGTEST).is(drill))
                    .isTrue();
            assertThat(DrillSettings.of(drill, BitcoinNetwork.CORE_REGTEST).is(drill)).isTrue();
            for (BitcoinNetwork real : new BitcoinNetwork[] {BitcoinNetwork.MAINNET, BitcoinNetwork.TESTNET}) {
                assertThatThrownBy(() -> DrillSettings.of(drill, real)).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("regtest only");
            }
        }
        assertThat(DrillSettings.of("bad-reshare-share", BitcoinNetwork.BCOIN_REGTEST).is("bad-partial-signature"))
                .as("one drill does not arm the other").isFalse();
    }

    @Test
    void unsetOrNoneIsOffEverywhereAndAnUnknownDrillIsRefused() {
        for (String off : new String[] {null, "", " none "}) {
            assertThat(DrillSettings.of(off, BitcoinNetwork.MAINNET).fault()).isEmpty();
        }
        assertThatThrownBy(() -> DrillSettings.of("bad-everything", BitcoinNetwork.BCOIN_REGTEST))
                .hasMessageContaining("unknown").hasMessageContaining("bad-reshare-share");
    }
}
