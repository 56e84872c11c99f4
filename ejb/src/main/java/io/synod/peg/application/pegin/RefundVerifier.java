package io.synod.peg.application.pegin;

import java.util.Arrays;

import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;

import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Payout;
import io.synod.chain.bitcoin.Txid;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInSidechain;
import io.synod.peg.domain.pegin.RefundInputAction;

/**
 * One member's check of a refund before it contributes: the transaction spends exactly one deposit that this
 * member's own book lists as non-qualifying or too late (never one it minted, and one the sidechain shows unminted),
 * into exactly one output paying the depositor's revealed refund key, for a fee within the policy's floor and
 * ceiling on the largest possible size. A deposit gets one refund: approving records the refund's txid on it, and
 * another refund of the same deposit is refused. The digest is this member's BIP 143 computation over the deposit's
 * witness script and value.
 */
public final class RefundVerifier implements ActionVerifier {

    private final DepositBook book;
    private final PegInSidechain sidechain;
    private final FeePolicy fees;

    public RefundVerifier(DepositBook book, PegInSidechain sidechain, FeePolicy fees) {
        this.book = book;
        this.sidechain = sidechain;
        this.fees = fees;
    }

    @Override
    public ActionKind kind() {
        return ActionKind.NON_QUALIFYING_REFUND_INPUT;
    }

    @Override
    public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
        Transaction tx = ActionVerifier.decodeOrRefuse(kind(), encodedAction,
                e -> RefundInputAction.decode(e).transaction());
        if (tx.getInputs().size() != 1 || tx.getOutputs().size() != 1) {
            throw refuse(tx.getInputs().size() + " inputs and " + tx.getOutputs().size()
                    + " outputs: a refund spends one deposit into one output");
        }
        if (tx.lockTime().rawValue() != 0 || tx.getVersion() != 2) {
            throw refuse("a refund is version 2 without lock time");
        }
        Outpoint o = Outpoint.of(tx.getInput(0).getOutpoint());
        PegInDeposit d = book.find(o).orElseThrow(() -> refuse("input " + o + " is not a deposit known here"));
        if (!d.state().refundable()) {
            throw refuse("deposit " + o + " is " + d.state() + " here: only non-qualifying deposits are refunded");
        }
        String txid = Txid.of(tx.getTxId()).hex();
        if (d.sweepTxid() != null && !d.sweepTxid().equals(txid)) {
            throw refuse("deposit " + o + " already has the refund " + d.sweepTxid() + " approved here");
        }
        if (sidechain.isMinted(o)) {
            throw refuse("deposit " + o + " is minted on the sidechain");
        }
        TransactionOutput out = tx.getOutput(0);
        if (!Arrays.equals(out.getScriptBytes(), RefundTerms.destination(d).program())) {
            throw refuse("the output does not pay the depositor's refund key");
        }
        long vbytes = RefundTerms.pricedVbytes(d);
        long fee = d.amount().value() - out.getValue().value;
        if (fee < fees.floor().feeFor(vbytes).value() || fee > fees.ceiling().feeFor(vbytes).value()) {
            throw refuse("fee " + fee + " sat outside [" + fees.floor() + ", " + fees.ceiling() + "] on " + vbytes + " vB");
        }
        if (out.getValue().value < Payout.dustLimit(RefundTerms.destination(d)).value()) {
            throw refuse("the refund output is dust");
        }
        byte[] digest = tx.hashForWitnessSignature(0, d.reveal().script().witnessScript(),
                Coin.valueOf(d.amount().value()), Transaction.SigHash.ALL, false).getBytes();
        if (d.sweepTxid() == null) {
            book.save(new PegInDeposit(d.outpoint(), d.amount(), d.reveal(), d.block(), d.state(),
                    "refund " + txid + " approved", d.readySince(), d.groupSignature(), d.epoch(), d.mintTx(), txid));
        }
        return SigningTarget.untweaked(digest);
    }
}
