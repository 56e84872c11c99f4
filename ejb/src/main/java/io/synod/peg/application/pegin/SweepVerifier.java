package io.synod.peg.application.pegin;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Payout;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.deposit.SweepMargin;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.peg.domain.pegin.SweepInputAction;
import io.synod.peg.domain.pegin.SweepPolicy;

/**
 * One member's check of a sweep input before it contributes: the transaction spends only deposits this member
 * knows as minted (each once, each still far enough from its refund height to confirm first), at most
 * {@code maxInputs} of them, into exactly one output paying the group's own P2WPKH script, for a fee no higher
 * than the policy's ceiling on the largest possible size. The digest is this member's BIP 143 computation over the
 * deposit's witness script and value. Approving records the sweep's txid on the deposits, so that this member
 * books the sweep when it confirms.
 */
public final class SweepVerifier implements ActionVerifier {

    private final DepositBook book;
    private final SweepPolicy policy;
    private final BitcoinRpcClient bitcoin;
    private final Script groupScript;

    public SweepVerifier(DepositBook book, SweepPolicy policy, BitcoinRpcClient bitcoin, byte[] groupPublicKey) {
        this.book = book;
        this.policy = policy;
        this.bitcoin = bitcoin;
        this.groupScript = ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(groupPublicKey));
    }

    @Override
    public ActionKind kind() {
        return ActionKind.SWEEP_INPUT;
    }

    @Override
    public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
        SweepInputAction action = ActionVerifier.decodeOrRefuse(kind(), encodedAction, SweepInputAction::decode);
        Transaction tx = ActionVerifier.decodeOrRefuse(kind(), action, SweepInputAction::transaction);
        List<TransactionInput> inputs = tx.getInputs();
        if (inputs.isEmpty() || inputs.size() > policy.maxInputs()) {
            throw refuse(inputs.size() + " inputs, at most " + policy.maxInputs());
        }
        if (action.inputIndex() >= inputs.size()) {
            throw refuse("input " + action.inputIndex() + " of " + inputs.size());
        }
        if (tx.getOutputs().size() != 1) {
            throw refuse(tx.getOutputs().size() + " outputs: a sweep pays only the group's main output");
        }
        TransactionOutput out = tx.getOutput(0);
        if (!Arrays.equals(out.getScriptBytes(), groupScript.program())) {
            throw refuse("the output does not pay the group's main script");
        }
        if (tx.lockTime().rawValue() != 0) {
            throw refuse("a sweep has no lock time");
        }
        BlockHeight tip = bitcoin.getBlockCount();
        Set<Outpoint> seen = new HashSet<>();
        List<PegInDeposit> spent = new ArrayList<>();
        long total = 0;
        long witnessBytes = 2;
        for (TransactionInput in : inputs) {
            Outpoint o = Outpoint.of(in.getOutpoint());
            if (!seen.add(o)) {
                throw refuse("deposit " + o + " spent twice");
            }
            PegInDeposit d = book.find(o).orElseThrow(() -> refuse("input " + o + " is not a deposit known here"));
            if (d.state() != PegInState.MINTED) {
                throw refuse("deposit " + o + " is " + d.state() + " here, only minted deposits are swept");
            }
            long left = SweepMargin.exclusiveBlocksLeft(tip, d.reveal().terms().refundHeight());
            if (left < policy.minBlocksLeft()) {
                throw refuse("deposit " + o + " refunds in " + left + " blocks: too late to sweep safely");
            }
            total = Math.addExact(total, d.amount().value());
            int scriptLength = d.reveal().script().bytes().length;
            witnessBytes += 1 + (1 + 73) + (1 + 33) + 1 + scriptLength;
            spent.add(d);
        }
        long fee = total - out.getValue().value;
        long vsizeBound = tx.serialize().length + 2 + (witnessBytes + 3) / 4;
        if (fee <= 0 || fee > policy.fees().ceiling().feeFor(vsizeBound).value()) {
            throw refuse("fee " + fee + " sat outside (0, ceiling " + policy.fees().ceiling() + " on " + vsizeBound
                    + " vB]");
        }
        if (out.getValue().value < Payout.dustLimit(groupScript).value()) {
            throw refuse("the swept output is dust");
        }
        PegInDeposit signedFor = spent.get(action.inputIndex());
        byte[] digest = tx.hashForWitnessSignature(action.inputIndex(), signedFor.reveal().script().witnessScript(),
                Coin.valueOf(signedFor.amount().value()), Transaction.SigHash.ALL, false).getBytes();
        String txid = Txid.of(tx.getTxId()).hex();
        for (PegInDeposit d : spent) {
            if (!txid.equals(d.sweepTxid())) {
                book.save(new PegInDeposit(d.outpoint(), d.amount(), d.reveal(), d.block(), d.state(),
                        "sweep " + txid + " approved", d.readySince(), d.groupSignature(), d.epoch(), d.mintTx(), txid));
            }
        }
        return SigningTarget.untweaked(digest);
    }

}
