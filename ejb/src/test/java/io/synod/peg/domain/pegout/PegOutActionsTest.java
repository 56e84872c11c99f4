package io.synod.peg.domain.pegout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import org.bitcoinj.core.Transaction;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Test;

import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.Utxo;

/** Canonical action encodings (strict decoding) and the payout arithmetic every member relies on. */
class PegOutActionsTest {

    private static final Script GROUP = ScriptBuilder.createP2WPKHOutputScript(new ECKey());

    private static RedemptionRequest request(long seq, long amount, Script to) {
        return new RedemptionRequest(seq, "0x" + "11".repeat(20), io.synod.shared.domain.Satoshis.of(amount),
                to.program(), 1, "0x" + "22".repeat(32), "0x" + "33".repeat(32));
    }

    @Test
    void actionsRoundTripAndRefuseTrailingTruncatedOrOutOfRangeBytes() {
        PayoutInputAction p = new PayoutInputAction(3, 0, 1500, 1000, List.of(4L, 9L), new byte[] {1, 2, 3}, 1);
        assertThat(PayoutInputAction.decode(p.encode())).isEqualTo(p);
        byte[] longer = Arrays.copyOf(p.encode(), p.encode().length + 1);
        assertThatThrownBy(() -> PayoutInputAction.decode(longer)).hasMessageContaining("trailing");
        byte[] shorter = Arrays.copyOf(p.encode(), p.encode().length - 1);
        assertThatThrownBy(() -> PayoutInputAction.decode(shorter)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PayoutInputAction(3, 0, 1500, 1000, List.of(9L, 4L), new byte[] {1}, 0))
                .hasMessageContaining("ascending");
    }

    @Test
    void aCompletionListsItsRedemptionsInOneFixedLayoutAndRefusesAnyOtherList() {
        byte[] txid = new byte[32];
        java.util.Arrays.fill(txid, (byte) 0xcd);
        CompletionAction c = new CompletionAction("0x" + "AB".repeat(20), List.of(7L, 9L), txid, 1);
        assertThat(c.redemptionContract()).isEqualTo("0x" + "ab".repeat(20));
        assertThat(java.util.HexFormat.of().formatHex(c.encode())).isEqualTo("ab".repeat(20) + "0002"
                + "0000000000000007" + "0000000000000009" + "cd".repeat(32) + "0000000000000001");
        assertThat(CompletionAction.decode(c.encode())).isEqualTo(c);
        assertThatThrownBy(() -> CompletionAction.decode(Arrays.copyOf(c.encode(), c.encode().length - 1)))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> CompletionAction.decode(Arrays.copyOf(c.encode(), c.encode().length + 1)))
                .hasMessageContaining("trailing");
        // Any other list of the same set is refused, in the record and on the wire: one encoding per set.
        for (List<Long> bad : List.of(List.<Long>of(), List.of(9L, 7L), List.of(7L, 7L), List.of(0L, 7L))) {
            assertThatThrownBy(() -> new CompletionAction(c.redemptionContract(), bad, txid, 1))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        byte[] swapped = c.encode();
        swapped[29] = 9;
        swapped[37] = 7;
        assertThatThrownBy(() -> CompletionAction.decode(swapped)).hasMessageContaining("ascending");
        byte[] duplicate = c.encode();
        duplicate[37] = 7;
        assertThatThrownBy(() -> CompletionAction.decode(duplicate)).hasMessageContaining("ascending");
        byte[] none = c.encode();
        none[21] = 0;
        assertThatThrownBy(() -> CompletionAction.decode(none)).hasMessageContaining("0 redemptions");
        List<Long> most = java.util.stream.LongStream.rangeClosed(1, CompletionAction.MAX_SEQUENCES).boxed().toList();
        CompletionAction full = new CompletionAction(c.redemptionContract(), most, txid, 1);
        assertThat(CompletionAction.decode(full.encode())).isEqualTo(full);
        byte[] oversize = full.encode();
        oversize[21] = (byte) (CompletionAction.MAX_SEQUENCES + 1);
        assertThatThrownBy(() -> CompletionAction.decode(oversize)).hasMessageContaining("129 redemptions");
        List<Long> tooMany = java.util.stream.LongStream.rangeClosed(1, CompletionAction.MAX_SEQUENCES + 1).boxed()
                .toList();
        assertThatThrownBy(() -> new CompletionAction(c.redemptionContract(), tooMany, txid, 1))
                .hasMessageContaining("1..128");
        assertThatThrownBy(() -> new CompletionAction(c.redemptionContract(), List.of(7L), new byte[32], 1))
                .as("zero txid").hasMessageContaining("txid");
        assertThatThrownBy(() -> new CompletionAction(c.redemptionContract(), List.of(7L), txid, 0))
                .hasMessageContaining("epoch");
    }

    @Test
    void thePayoutLeavesTheGroupExactlyTheBurnedAmountsAndRedeemersBearTheFee() {
        Script a = ScriptBuilder.createP2WPKHOutputScript(new ECKey());
        Script b = ScriptBuilder.createP2WPKHOutputScript(new ECKey());
        List<RedemptionRequest> rs = List.of(request(1, 100_000, a), request(2, 50_001, b));
        List<Utxo> in = List.of(new Utxo(new Outpoint(new Txid("aa".repeat(32)), 0), Satoshis.of(400_000)));
        FeeRate rate = FeeRate.satPerVbyte(3);
        Transaction tx = PayoutTerms.payout(in, rs, rate, GROUP, FeeRate.satPerVbyte(20));
        long fee = rate.feeFor(PayoutTerms.pricedVbytes(1, List.of(a.program(), b.program()), GROUP)).value();
        assertThat(tx.getOutput(0).getValue().value + tx.getOutput(1).getValue().value).isEqualTo(150_001 - fee);
        assertThat(Math.abs(tx.getOutput(0).getValue().value - 100_000 - (tx.getOutput(1).getValue().value - 50_001)))
                .as("equal shares, remainder to the earliest").isLessThanOrEqualTo(1);
        assertThat(tx.getOutput(2).getValue().value).isEqualTo(400_000 - 150_001);
        assertThat(tx.getOutput(2).getScriptPubKey().program()).isEqualTo(GROUP.program());
        assertThat(tx.getInput(0).getSequenceNumber()).isEqualTo(PayoutTerms.FINAL_SEQUENCE);
        assertThat((long) tx.getVsize()).as("priced size covers the signed size").isLessThanOrEqualTo(
                PayoutTerms.pricedVbytes(1, List.of(a.program(), b.program()), GROUP));
        assertThat(PayoutTerms.payout(in, rs, rate, GROUP, FeeRate.satPerVbyte(20)).serialize())
                .as("deterministic").isEqualTo(tx.serialize());
        // A share that would push an output below dust is capped; the group's change covers the rest.
        long[] shares = PayoutTerms.feeShares(1_000, List.of(request(1, 300, a), request(2, 100_000, b)));
        assertThat(shares).containsExactly(6, 500);
        assertThatThrownBy(() -> PayoutTerms.payout(List.of(new Utxo(in.get(0).outpoint(), Satoshis.of(150_500))), rs,
                rate, GROUP, FeeRate.satPerVbyte(20))).hasMessageContaining("change reserve");
    }

    @Test
    void aBumpLiftsThePackageToItsRateAndPaysAtLeastItsOwnRelayFee() {
        Utxo change = new Utxo(new Outpoint(new Txid("bb".repeat(32)), 2), Satoshis.of(50_000));
        Transaction child = PayoutTerms.bump(change, 300, 300, FeeRate.satPerVbyte(4), GROUP);
        long fee = 50_000 - child.getOutput(0).getValue().value;
        assertThat(fee).isEqualTo(4 * (300 + PayoutTerms.CHILD_VBYTES) - 300);
        assertThat(PayoutTerms.bumpFee(300, 100_000, FeeRate.satPerVbyte(4))).isEqualTo(PayoutTerms.CHILD_VBYTES);
        assertThat((long) child.getVsize()).isLessThanOrEqualTo(PayoutTerms.CHILD_VBYTES);
    }
}
