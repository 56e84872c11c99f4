package io.synod.chain.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Test;

/** Coin selection, change and fee rules of the payout builder, on synthetic coins (the node tests are PayoutTest). */
class PayoutBuilderTest {

    private final TestKeySigner group = new TestKeySigner();
    private final FeePolicy policy = new FeePolicy(FeeRate.satPerVbyte(2), FeeRate.satPerVbyte(100), 6);
    private final Payout payout = Payout.to(ScriptBuilder.createP2WPKHOutputScript(new ECKey()), Satoshis.of(100_000));

    private static Utxo coin(int n, long sats) {
        return new Utxo(new Outpoint(new Txid(HexFormat.of().formatHex(new byte[31]) + String.format("%02x", n)), 0),
                Satoshis.of(sats));
    }

    private PayoutBuilder builder(Optional<FeeRate> estimate) {
        return new PayoutBuilder(group.publicKey(), policy, target -> estimate);
    }

    @Test
    void theNodeEstimateIsUsedWithinFloorAndCeiling() {
        List<Utxo> coins = List.of(coin(1, 1_000_000));
        assertThat(builder(Optional.of(FeeRate.satPerVbyte(7))).build(List.of(payout), coins).feeRate())
                .isEqualTo(FeeRate.satPerVbyte(7));
        assertThat(builder(Optional.of(FeeRate.satPerVbyte(500))).build(List.of(payout), coins).feeRate())
                .isEqualTo(FeeRate.satPerVbyte(100));
        assertThat(builder(Optional.of(new FeeRate(500))).build(List.of(payout), coins).feeRate())
                .isEqualTo(FeeRate.satPerVbyte(2));
        assertThat(builder(Optional.empty()).build(List.of(payout), coins).feeRate()).isEqualTo(FeeRate.satPerVbyte(2));
    }

    @Test
    void largestCoinsFirstAndChangeOnlyAboveDust() {
        PayoutBuilder b = builder(Optional.empty());
        UnsignedPayout u = b.build(List.of(payout), List.of(coin(1, 60_000), coin(2, 300_000), coin(3, 70_000)));
        assertThat(u.inputs()).extracting(Utxo::value).containsExactly(Satoshis.of(300_000));
        assertThat(u.change().value()).isEqualTo(300_000 - 100_000 - u.fee().value());
        assertThat(u.transaction().getOutput(u.changeIndex().getAsInt()).getScriptBytes())
                .isEqualTo(b.groupScript().program());
        // 100,000 + a fee of a few hundred sat leaves less than the 294 sat dust for change: it goes to the fee.
        UnsignedPayout exact = b.build(List.of(payout), List.of(coin(4, 100_500)));
        assertThat(exact.changeIndex()).isEmpty();
        assertThat(exact.fee()).isEqualTo(Satoshis.of(500));
        assertThat(exact.transaction().getInputs()).allMatch(i -> i.getSequenceNumber() == 0xfffffffdL);
    }

    @Test
    void aBumpKeepsInputsPaysBip125MinimumAndAddsCoinsWhenChangeIsShort() {
        PayoutBuilder b = builder(Optional.empty());
        Utxo small = coin(5, 101_000);
        UnsignedPayout stuck = b.build(List.of(payout), List.of(small));
        assertThatThrownBy(() -> b.bump(stuck, FeeRate.satPerVbyte(2), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.bump(stuck, FeeRate.satPerVbyte(50), List.of()))
                .isInstanceOf(InsufficientFundsException.class);
        UnsignedPayout bumped = b.bump(stuck, FeeRate.satPerVbyte(50), List.of(coin(6, 500_000)));
        assertThat(bumped.inputs()).startsWith(small).hasSize(2);
        assertThat(bumped.payouts()).isEqualTo(stuck.payouts());
        assertThat(bumped.fee().value()).isGreaterThanOrEqualTo(stuck.fee().value()
                + PayoutBuilder.MIN_RELAY.feeFor(bumped.transaction().getVsize()).value());
        assertThat(bumped.feeRate()).isEqualTo(FeeRate.satPerVbyte(50));
    }

    @Test
    void signedSizeNeverExceedsThePricedSize() {
        PayoutBuilder b = builder(Optional.empty());
        UnsignedPayout u = b.build(List.of(payout, payout, payout), List.of(coin(7, 150_000), coin(8, 150_000),
                coin(9, 150_000)));
        long vsize = b.sign(u, group).getVsize();
        assertThat(u.fee().value()).isGreaterThanOrEqualTo(policy.floor().feeFor(vsize).value());
    }
}
