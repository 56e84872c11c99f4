package io.synod.chain.bitcoin.deposit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synod.chain.bitcoin.BlockHeight;
import org.junit.jupiter.api.Test;

/** Mint only while the group has at least the margin of blocks in which it alone can spend the deposit. */
class SweepMarginTest {

    @Test
    void mintAllowedOnlyWhileTheExclusiveBlocksCoverTheMargin() {
        RefundHeight h = RefundHeight.of(2000);
        SweepMargin margin = new SweepMargin(6);
        assertThat(margin.allowsMint(BlockHeight.of(1900), h)).isTrue();
        assertThat(margin.allowsMint(BlockHeight.of(1994), h)).isTrue();   // blocks 1995..2000 remain: six
        assertThat(margin.allowsMint(BlockHeight.of(1995), h)).isFalse();  // five remain
        assertThat(margin.allowsMint(BlockHeight.of(2000), h)).isFalse();  // the refund is valid in the next block
        assertThat(margin.allowsMint(BlockHeight.of(2500), h)).isFalse();
        assertThat(margin.lastMintTip(h)).isEqualTo(1994);
        assertThat(SweepMargin.exclusiveBlocksLeft(BlockHeight.of(1995), h)).isEqualTo(5);
        assertThat(SweepMargin.exclusiveBlocksLeft(BlockHeight.of(2001), h)).isEqualTo(-1);
        assertThat(h.firstRefundBlock()).isEqualTo(BlockHeight.of(2001));
    }

    @Test
    void marginBoundaryAgreesWithLastMintTipForEveryTip() {
        RefundHeight h = RefundHeight.of(150);
        for (int m = 1; m <= 20; m++) {
            SweepMargin margin = new SweepMargin(m);
            for (long tip = 100; tip <= 160; tip++) {
                assertThat(margin.allowsMint(BlockHeight.of(tip), h)).isEqualTo(tip <= margin.lastMintTip(h));
            }
        }
    }

    @Test
    void zeroOrNegativeMarginIsRefused() {
        assertThatThrownBy(() -> new SweepMargin(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
