package io.synod.chain.bitcoin.deposit;

import io.synod.chain.bitcoin.TestKeySigner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Txid;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Optional;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.bitcoinj.script.ScriptError;
import org.bitcoinj.script.ScriptException;
import org.junit.jupiter.api.Test;

/**
 * Sweeps and refunds built and signed offline: sizes, fees and refusals, and, with bitcoinj's script interpreter as
 * an independent verifier, the opcode at which each wrong spend fails (bcoin's mempool does not name it).
 */
class DepositSpendsTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final TestKeySigner group = new TestKeySigner();
    private final TestKeySigner depositor = new TestKeySigner();
    private final FeePolicy policy = new FeePolicy(FeeRate.satPerVbyte(2), FeeRate.satPerVbyte(20), 6);
    private final Script back = ScriptBuilder.createP2WPKHOutputScript(new ECKey());

    @Test
    void pricedSizeCoversTheSignedSizeForEveryBatchAndHeightWidthAndFeesAreExact() {
        long[] heights = {16, 100, 1_000, 1_000_000, 400_000_000};
        for (long h : heights) {
            for (int n = 1; n <= 5; n++) {
                List<Deposit> deposits = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    deposits.add(deposit(depositor, h, 100_000 + i));
                }
                // The node's estimate is clamped to the ceiling.
                DepositSweep sweeper = new DepositSweep(group.publicKey(), policy,
                        t -> Optional.of(FeeRate.satPerVbyte(500)));
                UnsignedSweep sweep = sweeper.build(deposits);
                assertThat(sweep.feeRate()).isEqualTo(policy.ceiling());
                Transaction signed = sweeper.sign(sweep, group);
                assertThat((long) signed.getVsize()).isLessThanOrEqualTo(sweep.pricedVsize())
                        .isGreaterThanOrEqualTo(sweep.pricedVsize() - n);
                assertThat(sweep.fee()).isEqualTo(policy.ceiling().feeFor(sweep.pricedVsize()));
                assertThat(signed.getOutput(0).getValue().value).isEqualTo(sweep.swept().value())
                        .isEqualTo(sweep.total().value() - sweep.fee().value());
                assertThat(signed.getInputs()).allMatch(in -> in.getSequenceNumber() == 0xfffffffdL);
                for (int i = 0; i < n; i++) {
                    assertThat(signed.getInput(i).getWitness().getPush(2)).isEqualTo(deposits.get(i).script().bytes());
                }
            }
            UnsignedRefund refund = DepositRefund.build(deposit(depositor, h, 50_000), back, FeeRate.satPerVbyte(3));
            Transaction signed = DepositRefund.sign(refund, depositor);
            assertThat((long) signed.getVsize()).isLessThanOrEqualTo(refund.pricedVsize())
                    .isGreaterThanOrEqualTo(refund.pricedVsize() - 1);
            assertThat(signed.getOutput(0).getValue().value).isEqualTo(50_000 - refund.fee().value());
            assertThat(signed.lockTime().rawValue()).isEqualTo(h);
        }
    }

    @Test
    void sweepsAndRefundsThatCannotBeBuiltAreRefused() {
        DepositSweep sweeper = new DepositSweep(group.publicKey(), policy, t -> Optional.empty());
        Deposit d = deposit(depositor, 2000, 100_000);
        assertThatThrownBy(() -> sweeper.build(List.of())).hasMessageContaining("nothing");
        assertThatThrownBy(() -> sweeper.build(List.of(d, d))).hasMessageContaining("twice");
        Deposit foreign = new Deposit(outpoint(), Satoshis.of(100_000), DepositScript.of(new ECKey().getPubKey(),
                terms(depositor, 2000)));
        assertThatThrownBy(() -> sweeper.build(List.of(d, foreign))).hasMessageContaining("does not pay to this group");
        assertThatThrownBy(() -> sweeper.build(List.of(deposit(depositor, 2000, 400))))
                .hasMessageContaining("non-dust");
        assertThatThrownBy(() -> DepositRefund.build(deposit(depositor, 2000, 100), back, FeeRate.satPerVbyte(1)))
                .hasMessageContaining("fee");
        assertThatThrownBy(() -> DepositRefund.build(deposit(depositor, 2000, 400), back, FeeRate.satPerVbyte(1)))
                .hasMessageContaining("dust");
        assertThatThrownBy(() -> DepositRefund.build(d, ScriptBuilder.createP2PKOutputScript(new ECKey()),
                FeeRate.satPerVbyte(1))).hasMessageContaining("standard");
    }

    @Test
    void bitcoinjInterpreterNamesTheOpcodeAtWhichEachWrongSpendFails() {
        long h = 2000;
        Deposit d = deposit(depositor, h, 100_000);
        TestKeySigner stranger = new TestKeySigner();
        // A stranger's key on the refund branch: its hash is neither key's, OP_EQUALVERIFY fails.
        assertThat(failure(DepositRefund.signWith(DepositRefund.build(d, back, FeeRate.satPerVbyte(1)), stranger), d))
                .isEqualTo(ScriptError.SCRIPT_ERR_EQUALVERIFY);
        assertThat(failure(DepositSweep.signWith(new DepositSweep(group.publicKey(), policy, t -> Optional.empty())
                .build(List.of(d)), stranger), d)).isEqualTo(ScriptError.SCRIPT_ERR_EQUALVERIFY);
        // The depositor's key with a lock time below the script's height: OP_CHECKLOCKTIMEVERIFY fails.
        assertThat(failure(DepositRefund.sign(DepositRefund.build(d, back, FeeRate.satPerVbyte(1), h - 1), depositor),
                d)).isEqualTo(ScriptError.SCRIPT_ERR_UNSATISFIED_LOCKTIME);
        // The right lock time but a final sequence disables nLockTime: OP_CHECKLOCKTIMEVERIFY fails too.
        UnsignedRefund refund = DepositRefund.build(d, back, FeeRate.satPerVbyte(1));
        refund.transaction().replaceInput(0, refund.transaction().getInput(0).withSequence(0xffffffffL));
        assertThat(failure(DepositRefund.sign(refund, depositor), d))
                .isEqualTo(ScriptError.SCRIPT_ERR_UNSATISFIED_LOCKTIME);
        // A lock time of a timestamp kind never satisfies a height lock.
        assertThat(failure(DepositRefund.sign(DepositRefund.build(d, back, FeeRate.satPerVbyte(1), 1_700_000_000L),
                depositor), d)).isEqualTo(ScriptError.SCRIPT_ERR_UNSATISFIED_LOCKTIME);
        // The proper refund gets past the key check and the lock to its final OP_CHECKSIG.
        assertThat(failure(DepositRefund.sign(DepositRefund.build(d, back, FeeRate.satPerVbyte(1)), depositor), d))
                .isEqualTo(ScriptError.SCRIPT_ERR_OK);
    }

    /**
     * Runs the witness script on the witness's stack items in bitcoinj's interpreter. Its OP_CHECKSIG uses the
     * legacy digest, not BIP 143, so a correct segwit signature reads as false there: a spend that reaches its
     * final OP_CHECKSIG without an error is reported as {@code SCRIPT_ERR_OK}; the node proves the signatures.
     */
    private static ScriptError failure(Transaction tx, Deposit d) {
        TransactionWitness w = tx.getInput(0).getWitness();
        LinkedList<byte[]> stack = new LinkedList<>(List.of(w.getPush(0), w.getPush(1)));
        try {
            Script.executeScript(tx, 0, d.script().witnessScript(), stack,
                    EnumSet.of(Script.VerifyFlag.CHECKLOCKTIMEVERIFY, Script.VerifyFlag.MINIMALDATA));
            return ScriptError.SCRIPT_ERR_OK;
        } catch (ScriptException e) {
            return e.getError();
        }
    }

    private DepositTerms terms(TestKeySigner refundKey, long height) {
        byte[] recipient = new byte[20];
        RANDOM.nextBytes(recipient);
        return new DepositTerms(new SidechainRecipient(recipient), refundKey.publicKey(), RefundHeight.of(height),
                DepositNonce.random(RANDOM));
    }

    private Deposit deposit(TestKeySigner refundKey, long height, long sats) {
        return new Deposit(outpoint(), Satoshis.of(sats), DepositScript.of(group.publicKey(), terms(refundKey,
                height)));
    }

    private static Outpoint outpoint() {
        byte[] txid = new byte[32];
        RANDOM.nextBytes(txid);
        txid[0] |= 1; // never the all-zero id
        return new Outpoint(new Txid(java.util.HexFormat.of().formatHex(txid)), RANDOM.nextInt(4));
    }
}
