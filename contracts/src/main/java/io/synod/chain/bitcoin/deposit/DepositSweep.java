package io.synod.chain.bitcoin.deposit;

import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Payout;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.TransactionSigner;
import io.synod.chain.bitcoin.Txid;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/**
 * The group's branch: one transaction spending many deposits into the group's main output (P2WPKH of the group
 * key), the fee priced from the node's estimate within the policy's floor and ceiling on the size with the largest
 * possible signatures, each input signed through the {@link TransactionSigner} (the threshold group later) over the
 * BIP 143 digest of its witness script. Inputs signal BIP 125 so a stuck sweep can be replaced before the refund
 * height. Whether a deposit may still be swept safely is {@link SweepMargin}'s question, asked before minting.
 */
public final class DepositSweep {

    private static final long RBF_SEQUENCE = 0xfffffffdL;

    private final byte[] groupPublicKey;
    private final Script groupScript;
    private final FeePolicy feePolicy;
    private final IntFunction<Optional<FeeRate>> estimator;

    public DepositSweep(byte[] groupPublicKey, FeePolicy feePolicy, IntFunction<Optional<FeeRate>> estimator) {
        this.groupPublicKey = DepositTerms.requireCompressedKey(groupPublicKey, "group");
        this.groupScript = ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(groupPublicKey));
        this.feePolicy = feePolicy;
        this.estimator = estimator;
    }

    /** The group's main output script, where every sweep pays. */
    public Script groupScript() {
        return groupScript;
    }

    public UnsignedSweep build(List<Deposit> deposits) {
        if (deposits.isEmpty()) {
            throw new IllegalArgumentException("nothing to sweep");
        }
        Set<Outpoint> seen = new HashSet<>();
        Satoshis total = Satoshis.ZERO;
        for (Deposit d : deposits) {
            if (!seen.add(d.outpoint())) {
                throw new IllegalArgumentException("deposit " + d.outpoint() + " listed twice");
            }
            if (!d.script().isGroupKey(groupPublicKey)) {
                throw new IllegalArgumentException("deposit " + d.outpoint() + " does not pay to this group's key");
            }
            total = total.plus(d.value());
        }
        FeeRate rate = feePolicy.choose(estimator.apply(feePolicy.targetBlocks()));
        long vsize = pricedVsize(deposits, groupScript.program().length);
        Satoshis fee = rate.feeFor(vsize);
        Satoshis dust = Payout.dustLimit(groupScript);
        if (total.compareTo(fee.plus(dust)) < 0) {
            throw new IllegalArgumentException("deposits of " + total + " do not cover the fee " + fee
                    + " and a non-dust output");
        }
        Satoshis swept = total.minus(fee);
        Transaction tx = new Transaction();
        tx.setVersion(2);
        for (Deposit d : deposits) {
            tx.addInput(new TransactionInput(tx, new byte[0], d.outpoint().toBitcoinj(),
                    Coin.valueOf(d.value().value())).withSequence(RBF_SEQUENCE));
        }
        tx.addOutput(Coin.valueOf(swept.value()), groupScript);
        return new UnsignedSweep(tx, deposits, swept, fee, rate, vsize);
    }

    /** Signs every input through {@code signer}, which must hold the group key; each answer is verified. */
    public Transaction sign(UnsignedSweep sweep, TransactionSigner signer) {
        if (!Arrays.equals(signer.publicKey(), groupPublicKey)) {
            throw new IllegalArgumentException("the signer holds another key than the group's");
        }
        return signWith(sweep, signer);
    }

    /** No key check: lets tests hand the node a sweep signed by another key. */
    static Transaction signWith(UnsignedSweep sweep, TransactionSigner signer) {
        Transaction tx = WitnessSigning.copy(sweep.transaction());
        Txid unsignedTxid = Txid.of(tx.getTxId());
        for (int i = 0; i < sweep.deposits().size(); i++) {
            WitnessSigning.signInput(tx, unsignedTxid, i, sweep.deposits().get(i), signer);
        }
        return tx;
    }

    /** Virtual size with worst-case signatures: base bytes count four weight units, witness bytes one. */
    static long pricedVsize(List<Deposit> deposits, int outputScriptLength) {
        long base = 4 + WitnessSigning.varIntSize(deposits.size()) + 41L * deposits.size()
                + 1 + 8 + WitnessSigning.varIntSize(outputScriptLength) + outputScriptLength + 4;
        long witness = 2; // segwit marker and flag
        for (Deposit d : deposits) {
            witness += WitnessSigning.worstCaseWitnessBytes(d.script());
        }
        return Math.floorDiv(base * 4 + witness + 3, 4);
    }
}
