package io.synod.peg.domain.pegout;

import java.util.List;

import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutPoint;
import org.bitcoinj.script.Script;

import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Payout;
import io.synod.chain.bitcoin.Utxo;

/**
 * The payout transaction of a batch, as a pure function of its inputs, its redemptions and its fee rate, so that
 * every member rebuilds exactly the bytes the proposer asks it to sign.
 *
 * <ul>
 * <li>Inputs in the given order (the group's coins), each final ({@code 0xffffffff}): the group never replaces a
 *     payout (bcoin 1.0.2 cannot), it bumps a stuck one by child-pays-for-parent from the change.</li>
 * <li>One output per redemption, in sequence order, paying its script its burned amount less its fee share.</li>
 * <li>The change to the group's script, last, always present and at least dust plus the cost of one bump child at the
 *     ceiling rate, so a stuck payout can always be bumped.</li>
 * <li>Fee = rate × priced size, the size counted with the largest signatures (as {@code PayoutBuilder} does), so the
 *     real rate is never below the chosen one. Redeemers bear the fee in equal shares (remainder to the earliest);
 *     a share that would push an output below dust is capped and the group's change pays the rest.</li>
 * </ul>
 * Hence change = inputs − burned amounts − uncovered shares: the group's coins fall by exactly what was burned.
 */
public final class PayoutTerms {

    public static final long FINAL_SEQUENCE = 0xffffffffL;
    /** Version, lock time, counts and the segwit marker. */
    public static final long OVERHEAD_VBYTES = 11;
    /** One P2WPKH input with a 73-byte signature. */
    public static final long P2WPKH_INPUT_VBYTES = 69;
    /** A bump child: one P2WPKH input, one P2WPKH output. */
    public static final long CHILD_VBYTES = OVERHEAD_VBYTES + P2WPKH_INPUT_VBYTES + 31;

    private PayoutTerms() {
    }

    /** The priced (worst-case) virtual size of a payout with these inputs, redemption scripts and a change output. */
    public static long pricedVbytes(int inputs, List<byte[]> redemptionScripts, Script groupScript) {
        long v = OVERHEAD_VBYTES + inputs * P2WPKH_INPUT_VBYTES + outputVbytes(groupScript.program().length);
        for (byte[] s : redemptionScripts) {
            v += outputVbytes(s.length);
        }
        return v;
    }

    public static long outputVbytes(int scriptLength) {
        return 8 + 1 + scriptLength;
    }

    /** The least change a payout keeps: dust plus one bump child at the ceiling rate. */
    public static long changeReserve(Script groupScript, FeeRate ceiling) {
        return Payout.dustLimit(groupScript).value() + ceiling.feeFor(CHILD_VBYTES).value();
    }

    /** Equal fee shares, remainder to the earliest, each capped so the payout stays at or above its dust limit. */
    public static long[] feeShares(long fee, List<RedemptionRequest> redemptions) {
        int n = redemptions.size();
        long[] shares = new long[n];
        for (int i = 0; i < n; i++) {
            RedemptionRequest r = redemptions.get(i);
            long share = fee / n + (i < fee % n ? 1 : 0);
            long dust = Payout.dustLimit(Script.parse(r.outputScript())).value();
            shares[i] = Math.max(0, Math.min(share, r.amount().value() - dust));
        }
        return shares;
    }

    /** @throws IllegalArgumentException when the inputs cannot pay the redemptions and keep the change reserve */
    public static Transaction payout(List<Utxo> inputs, List<RedemptionRequest> redemptions, FeeRate rate,
            Script groupScript, FeeRate ceiling) {
        if (inputs.isEmpty() || redemptions.isEmpty()) {
            throw new IllegalArgumentException("a payout has inputs and redemptions");
        }
        long fee = rate.feeFor(pricedVbytes(inputs.size(), redemptions.stream().map(RedemptionRequest::outputScript)
                .toList(), groupScript)).value();
        long[] shares = feeShares(fee, redemptions);
        long in = 0;
        for (Utxo u : inputs) {
            in += u.value().value();
        }
        long burned = 0;
        long covered = 0;
        for (int i = 0; i < redemptions.size(); i++) {
            burned += redemptions.get(i).amount().value();
            covered += shares[i];
        }
        long change = in - burned - (fee - covered);
        if (change < changeReserve(groupScript, ceiling)) {
            throw new IllegalArgumentException("inputs of " + in + " sat cannot pay " + burned
                    + " sat and keep the change reserve of " + changeReserve(groupScript, ceiling) + " sat");
        }
        Transaction tx = new Transaction();
        tx.setVersion(2);
        for (Utxo u : inputs) {
            TransactionOutPoint op = u.outpoint().toBitcoinj();
            tx.addInput(new TransactionInput(tx, new byte[0], op, Coin.valueOf(u.value().value()))
                    .withSequence(FINAL_SEQUENCE));
        }
        for (int i = 0; i < redemptions.size(); i++) {
            RedemptionRequest r = redemptions.get(i);
            tx.addOutput(Coin.valueOf(r.amount().value() - shares[i]), Script.parse(r.outputScript()));
        }
        tx.addOutput(Coin.valueOf(change), groupScript);
        return tx;
    }

    /**
     * Bump {@code number} of a stuck package: spends {@code spent} (the payout's change, or the previous bump's
     * output) back to the group, with the fee that lifts the package of {@code packageVbytes} (payout and earlier
     * bumps, priced sizes) that already pays {@code packageFee} to {@code rate} once this child is added.
     */
    public static Transaction bump(Utxo spent, long packageVbytes, long packageFee, FeeRate rate, Script groupScript) {
        long fee = bumpFee(packageVbytes, packageFee, rate);
        long out = spent.value().value() - fee;
        if (out < Payout.dustLimit(groupScript).value()) {
            throw new IllegalArgumentException("the change of " + spent.value() + " cannot pay a bump fee of " + fee);
        }
        Transaction tx = new Transaction();
        tx.setVersion(2);
        tx.addInput(new TransactionInput(tx, new byte[0], spent.outpoint().toBitcoinj(),
                Coin.valueOf(spent.value().value())).withSequence(FINAL_SEQUENCE));
        tx.addOutput(Coin.valueOf(out), groupScript);
        return tx;
    }

    /** What bump {@code number} of a batch spends, and the package (payout and earlier bumps) it lifts. */
    public record BumpBasis(Utxo spent, long packageVbytes, long packageFee) {
    }

    /** @throws IndexOutOfBoundsException if an earlier bump is missing */
    public static BumpBasis bumpBasis(PayoutBatch batch, int number, Script groupScript) {
        Transaction payout = Transaction.read(java.nio.ByteBuffer.wrap(batch.unsignedTx()));
        List<byte[]> scripts = payout.getOutputs().subList(0, payout.getOutputs().size() - 1).stream()
                .map(o -> o.getScriptPubKey().program()).toList();
        long vbytes = pricedVbytes(payout.getInputs().size(), scripts, groupScript)
                + (long) (number - 1) * CHILD_VBYTES;
        long fee = batch.fee();
        for (int j = 0; j < number - 1; j++) {
            fee += batch.bumps().get(j).fee();
        }
        Transaction spentTx = number == 1 ? payout
                : Transaction.read(java.nio.ByteBuffer.wrap(batch.bumps().get(number - 2).unsignedTx()));
        int vout = number == 1 ? payout.getOutputs().size() - 1 : 0;
        Utxo spent = new Utxo(new io.synod.chain.bitcoin.Outpoint(io.synod.chain.bitcoin.Txid.of(spentTx.getTxId()), vout),
                io.synod.chain.bitcoin.Satoshis.of(spentTx.getOutput(vout).getValue().value));
        return new BumpBasis(spent, vbytes, fee);
    }

    /** The child's fee: the package at {@code rate}, less what it pays already, and at least the child's relay fee. */
    public static long bumpFee(long packageVbytes, long packageFee, FeeRate rate) {
        long total = rate.feeFor(packageVbytes + CHILD_VBYTES).value();
        long own = FeeRate.satPerVbyte(1).feeFor(CHILD_VBYTES).value();
        return Math.max(total - packageFee, own);
    }
}
