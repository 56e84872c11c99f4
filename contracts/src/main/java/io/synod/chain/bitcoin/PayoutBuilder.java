package io.synod.chain.bitcoin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntFunction;
import org.bitcoinj.base.Coin;
import org.bitcoinj.base.Sha256Hash;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutPoint;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

/**
 * Builds the group's payout transactions: many payouts batched in one transaction, spending the group's P2WPKH
 * coins (largest first, so a batch uses few inputs), with change back to the group's own script when it is above
 * dust. Every input signals replace-by-fee so a stuck payout can be {@link #bump bumped}. Signing goes through a
 * {@link TransactionSigner}; each signature is made low-S and verified before it is placed in the witness.
 */
public final class PayoutBuilder {

    /** Relay rule of BIP 125: a replacement pays at least this rate on its own size on top of the old fee. */
    public static final FeeRate MIN_RELAY = FeeRate.satPerVbyte(1);
    private static final long RBF_SEQUENCE = 0xfffffffdL;
    // Virtual sizes with the largest (73-byte) DER signature: version+locktime+counts+segwit marker, one P2WPKH input.
    private static final long OVERHEAD_VBYTES = 11;
    private static final long P2WPKH_INPUT_VBYTES = 69;

    private final byte[] groupPublicKey;
    private final Script groupScript;
    private final FeePolicy feePolicy;
    private final IntFunction<Optional<FeeRate>> estimator;

    /**
     * @param estimator the node's fee estimate for a confirmation target, e.g. {@code rpc::estimateSmartFee}
     */
    public PayoutBuilder(byte[] groupPublicKey, FeePolicy feePolicy, IntFunction<Optional<FeeRate>> estimator) {
        ECKey key = ECKey.fromPublicOnly(groupPublicKey);
        if (!key.isCompressed()) {
            throw new IllegalArgumentException("the group key must be compressed for P2WPKH");
        }
        this.groupPublicKey = groupPublicKey.clone();
        this.groupScript = ScriptBuilder.createP2WPKHOutputScript(key);
        this.feePolicy = feePolicy;
        this.estimator = estimator;
    }

    /** The group's own output script: where deposits, stake and change go. */
    public Script groupScript() {
        return groupScript;
    }

    public UnsignedPayout build(List<Payout> payouts, List<Utxo> available) {
        FeeRate rate = feePolicy.choose(estimator.apply(feePolicy.targetBlocks()));
        return assemble(payouts, List.of(), available, rate, Satoshis.ZERO);
    }

    /**
     * A replacement for {@code stuck} paying the same payouts at {@code newRate}: it spends the same inputs (so the
     * two conflict), adds more from {@code available} if the change cannot absorb the higher fee, and pays at least
     * the old fee plus the minimum relay rate on its own size, as BIP 125 requires.
     */
    public UnsignedPayout bump(UnsignedPayout stuck, FeeRate newRate, List<Utxo> available) {
        if (newRate.compareTo(stuck.feeRate()) <= 0) {
            throw new IllegalArgumentException("a replacement needs a higher rate than " + stuck.feeRate());
        }
        return assemble(stuck.payouts(), stuck.inputs(), available, newRate, stuck.fee());
    }

    private UnsignedPayout assemble(List<Payout> payouts, List<Utxo> mandatory, List<Utxo> available, FeeRate rate,
            Satoshis replacedFee) {
        if (payouts.isEmpty()) {
            throw new IllegalArgumentException("no payouts");
        }
        Satoshis target = Satoshis.ZERO;
        long outputsVbytes = 0;
        for (Payout p : payouts) {
            target = target.plus(p.amount());
            outputsVbytes += outputVbytes(p.script().length);
        }
        long changeVbytes = outputVbytes(groupScript.program().length);
        Satoshis changeDust = Payout.dustLimit(groupScript);

        List<Utxo> chosen = new ArrayList<>(mandatory);
        Set<Outpoint> used = new HashSet<>();
        mandatory.forEach(u -> used.add(u.outpoint()));
        List<Utxo> candidates = available.stream()
                .filter(u -> !used.contains(u.outpoint()))
                .sorted(Comparator.comparing(Utxo::value).reversed()
                        .thenComparing(u -> u.outpoint().toString()))
                .toList();
        int next = 0;
        Satoshis total = Satoshis.ZERO;
        for (Utxo u : chosen) {
            total = total.plus(u.value());
        }
        while (true) {
            long vbytesNoChange = OVERHEAD_VBYTES + chosen.size() * P2WPKH_INPUT_VBYTES + outputsVbytes;
            Satoshis feeNoChange = fee(rate, vbytesNoChange, replacedFee);
            Satoshis feeWithChange = fee(rate, vbytesNoChange + changeVbytes, replacedFee);
            if (!chosen.isEmpty() && total.compareTo(target.plus(feeNoChange)) >= 0) {
                Satoshis excess = total.minus(target);
                boolean withChange = excess.compareTo(feeWithChange.plus(changeDust)) >= 0;
                Satoshis fee = withChange ? feeWithChange : excess;
                return transaction(payouts, chosen, withChange ? excess.minus(feeWithChange) : null, fee, rate);
            }
            if (next >= candidates.size()) {
                Satoshis all = total;
                for (int i = next; i < candidates.size(); i++) {
                    all = all.plus(candidates.get(i).value());
                }
                throw new InsufficientFundsException(target.plus(feeNoChange), all);
            }
            Utxo u = candidates.get(next++);
            chosen.add(u);
            total = total.plus(u.value());
        }
    }

    private static Satoshis fee(FeeRate rate, long vbytes, Satoshis replacedFee) {
        Satoshis atRate = rate.feeFor(vbytes);
        if (replacedFee.value() == 0) {
            return atRate;
        }
        Satoshis bip125 = replacedFee.plus(MIN_RELAY.feeFor(vbytes));
        return atRate.compareTo(bip125) >= 0 ? atRate : bip125;
    }

    private static long outputVbytes(int scriptLength) {
        return 8 + 1 + scriptLength;
    }

    private UnsignedPayout transaction(List<Payout> payouts, List<Utxo> inputs, Satoshis change, Satoshis fee,
            FeeRate rate) {
        Transaction tx = new Transaction();
        tx.setVersion(2);
        for (Utxo u : inputs) {
            TransactionOutPoint op = u.outpoint().toBitcoinj();
            tx.addInput(new TransactionInput(tx, new byte[0], op, Coin.valueOf(u.value().value()))
                    .withSequence(RBF_SEQUENCE));
        }
        for (Payout p : payouts) {
            tx.addOutput(Coin.valueOf(p.amount().value()), Script.parse(p.script()));
        }
        OptionalInt changeIndex = OptionalInt.empty();
        if (change != null) {
            tx.addOutput(Coin.valueOf(change.value()), groupScript);
            changeIndex = OptionalInt.of(tx.getOutputs().size() - 1);
        }
        return new UnsignedPayout(tx, inputs, payouts, changeIndex, fee, rate);
    }

    /** Signs every input through {@code signer}; refuses a signer holding another key or returning a bad signature. */
    public Transaction sign(UnsignedPayout payout, TransactionSigner signer) {
        if (!java.util.Arrays.equals(signer.publicKey(), groupPublicKey)) {
            throw new IllegalArgumentException("the signer holds another key than the group's");
        }
        ECKey publicKey = ECKey.fromPublicOnly(groupPublicKey);
        Transaction tx = Transaction.read(java.nio.ByteBuffer.wrap(payout.transaction().serialize()));
        Txid unsignedTxid = Txid.of(tx.getTxId());
        Script scriptCode = ScriptBuilder.createP2PKHOutputScript(publicKey);
        for (int i = 0; i < payout.inputs().size(); i++) {
            Utxo utxo = payout.inputs().get(i);
            Sha256Hash sighash = tx.hashForWitnessSignature(i, scriptCode, Coin.valueOf(utxo.value().value()),
                    Transaction.SigHash.ALL, false);
            EcdsaSignature sig = signer.sign(new TransactionSigner.SigningRequest(sighash.getBytes(), unsignedTxid, i,
                    utxo)).lowS();
            ECKey.ECDSASignature ecdsa = new ECKey.ECDSASignature(sig.r(), sig.s());
            if (!publicKey.verify(sighash, ecdsa)) {
                throw new IllegalStateException("signer returned an invalid signature for input " + i);
            }
            TransactionSignature txSig = new TransactionSignature(ecdsa, Transaction.SigHash.ALL, false);
            tx.replaceInput(i, tx.getInput(i).withWitness(TransactionWitness.redeemP2WPKH(txSig, publicKey)));
        }
        return tx;
    }
}
