package io.synod.peg.application.pegin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.deposit.SidechainRecipient;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.peg.domain.pegin.RefundInputAction;
import io.synod.shared.domain.Satoshis;

/**
 * A payment that will never be minted is returned to its depositor by group decision, on real bcoin and anvil: every
 * member's verifier refuses a refund to anyone else, of a minted deposit, or a second refund; the group's refund is
 * accepted by the node (its script validation of the deposit's group branch) and, once in a block, booked by every
 * member as REFUNDED with balanced books.
 */
class NonQualifyingRefundChainTest {

    private static final int CONFIRMATIONS = 2;

    @Test
    void aNonQualifyingPaymentIsRefundedToItsDepositorByTheGroupAndNothingElseIsSigned(@TempDir Path dir) throws Exception {
        PegInHarness h = new PegInHarness(dir, PegInHarness.policy(CONFIRMATIONS, 10),
                List.of(10_000_000L, 10_000_000L, 10_000_000L, 10_000_000L), 50);
        SidechainRecipient frank = PegInHarness.newRecipient();
        long tip = h.rpc.getBlockCount().value();
        Outpoint tiny = h.pay(h.reveal(frank, tip + 300), 9_000);
        Outpoint good = h.pay(h.reveal(frank, tip + 300), 500_000);
        h.devnet.mineBitcoin(CONFIRMATIONS - 1);
        h.pollAll();
        h.tickAll();
        assertThat(h.mintedEvents(good)).isEqualTo(1);
        h.tickAll(); // the members that did not submit adopt the mint from the sidechain
        h.members.values().forEach(m -> assertThat(m.book.find(tiny).orElseThrow().state())
                .isEqualTo(PegInState.NON_QUALIFYING));

        PegInDeposit tinyDeposit = h.members.get(1).book.find(tiny).orElseThrow();
        Transaction honest = RefundTerms.build(tinyDeposit, FeeRate.satPerVbyte(2));
        Transaction elsewhere = RefundTerms.build(tinyDeposit, FeeRate.satPerVbyte(2));
        elsewhere.replaceOutput(0, new TransactionOutput(elsewhere, honest.getOutput(0).getValue(),
                ScriptBuilder.createP2WPKHOutputScript(new ECKey()).program()));
        PegInDeposit minted = h.members.get(1).book.find(good).orElseThrow();
        Transaction ofMinted = RefundTerms.build(minted, FeeRate.satPerVbyte(2));
        Transaction greedyFee = RefundTerms.build(tinyDeposit, FeeRate.satPerVbyte(2));
        greedyFee.replaceOutput(0, new TransactionOutput(greedyFee, Coin.valueOf(1_000), honest.getOutput(0).getScriptBytes()));
        List<Transaction> refused = List.of(elsewhere, ofMinted, greedyFee);
        List<String> reasons = List.of("does not pay the depositor's refund key", "is MINTED here", "outside");
        for (int i = 0; i < refused.size(); i++) {
            RefundInputAction a = new RefundInputAction(refused.get(i).serialize());
            for (PegInHarness.Member m : h.members.values()) {
                assertThatThrownBy(() -> m.refundVerifier.approve(a.encode())).isInstanceOf(ActionRefused.class)
                        .hasMessageContaining(reasons.get(i));
            }
            assertThatThrownBy(() -> h.signing.sign(a, Duration.ofSeconds(30))).isInstanceOf(SigningFailed.class);
        }
        assertThatThrownBy(() -> h.members.get(2).refunder.refund(good)).hasMessageContaining("MINTED");

        // The group's decision: the refund is signed, and the node accepts it into its mempool.
        Txid refund = h.members.get(2).refunder.refund(tiny);
        assertThat(h.rpc.getMempoolEntry(refund)).as("accepted by bcoin's script validation").isPresent();
        // A second refund of the same deposit (another fee, another txid) is refused by every member.
        RefundInputAction again = new RefundInputAction(RefundTerms.build(tinyDeposit, FeeRate.satPerVbyte(3)).serialize());
        for (PegInHarness.Member m : h.members.values()) {
            assertThatThrownBy(() -> m.refundVerifier.approve(again.encode())).isInstanceOf(ActionRefused.class)
                    .hasMessageContaining("already has the refund " + refund.hex());
        }

        h.members.values().forEach(m -> m.refunder.bookConfirmed());
        assertThat(h.members.get(1).book.find(tiny).orElseThrow().state()).as("not before a block holds it")
                .isEqualTo(PegInState.NON_QUALIFYING);
        h.devnet.mineBitcoin(1);
        h.members.values().forEach(m -> m.refunder.bookConfirmed());
        for (PegInHarness.Member m : h.members.values()) {
            assertThat(m.book.find(tiny).orElseThrow().state()).isEqualTo(PegInState.REFUNDED);
            assertThat(m.ledger.balance(Account.USERS_DEPOSITED)).isEqualTo(Satoshis.of(500_000));
            assertThat(m.ledger.balance(Account.BTC_DEPOSITS_UNSWEPT)).isEqualTo(Satoshis.of(500_000));
        }
        var paid = h.rpc.getRawTransactionVerbose(refund).orElseThrow();
        assertThat(paid.path("confirmations").asInt()).isEqualTo(1);
        assertThat(paid.path("vout").get(0).path("scriptPubKey").path("hex").asText())
                .isEqualTo(java.util.HexFormat.of().formatHex(RefundTerms.destination(tinyDeposit).program()));
    }
}
