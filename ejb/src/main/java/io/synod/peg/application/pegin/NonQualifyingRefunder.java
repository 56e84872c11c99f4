package io.synod.peg.application.pegin;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.bitcoinj.base.Coin;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionWitness;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.crypto.TransactionSignature;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.Broadcaster;
import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Txid;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.PegEntries;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.peg.domain.pegin.RefundInputAction;

/**
 * Returns a payment that will never be minted (non-qualifying or too late) to its depositor, by group decision: an
 * operator asks one member to {@link #refund} an outpoint; the group signs only if enough members' own books list it
 * as refundable ({@link RefundVerifier}); the member broadcasts. Every member {@link #bookConfirmed books} the refund
 * once it is in a block: the deposit becomes REFUNDED and leaves the books. The depositor's own refund branch (after
 * the timelock) stays open meanwhile; whichever spend confirms first wins, and only a confirmed group refund is booked.
 */
public final class NonQualifyingRefunder {

    private final DepositBook book;
    private final Ledger ledger;
    private final BitcoinRpcClient bitcoin;
    private final Broadcaster broadcaster;
    private final GroupSigning signing;
    private final FeePolicy fees;

    public NonQualifyingRefunder(DepositBook book, Ledger ledger, BitcoinRpcClient bitcoin, Broadcaster broadcaster,
            GroupSigning signing, FeePolicy fees) {
        this.book = book;
        this.ledger = ledger;
        this.bitcoin = bitcoin;
        this.broadcaster = broadcaster;
        this.signing = signing;
        this.fees = fees;
    }

    /** Builds, has the group sign and broadcasts the refund of {@code outpoint}; returns its txid. */
    public Txid refund(Outpoint outpoint) throws SigningFailed {
        PegInDeposit d = book.find(outpoint)
                .orElseThrow(() -> new IllegalArgumentException("no deposit " + outpoint + " in this member's book"));
        if (!d.state().refundable()) {
            throw new IllegalStateException("deposit " + outpoint + " is " + d.state() + ": only a non-qualifying one is refunded");
        }
        Transaction unsigned = RefundTerms.build(d, fees.choose(bitcoin.estimateSmartFee(fees.targetBlocks())));
        byte[] bytes = unsigned.serialize();
        GroupSignature sig = signing.sign(new RefundInputAction(bytes), Duration.ofSeconds(30));
        byte[] digest = unsigned.hashForWitnessSignature(0, d.reveal().script().witnessScript(),
                Coin.valueOf(d.amount().value()), Transaction.SigHash.ALL, false).getBytes();
        if (!Arrays.equals(sig.target().digest(), digest)) {
            throw new IllegalStateException("the group signed another digest for the refund of " + outpoint);
        }
        ECKey.ECDSASignature ecdsa = new ECKey.ECDSASignature(sig.r(), sig.s()).toCanonicalised();
        byte[] der = new TransactionSignature(ecdsa, Transaction.SigHash.ALL, false).encodeToBitcoin();
        Transaction signed = Transaction.read(ByteBuffer.wrap(bytes));
        signed.replaceInput(0, signed.getInput(0).withWitness(
                TransactionWitness.of(der, signing.groupPublicKey(), d.reveal().script().bytes())));
        return broadcaster.broadcast(signed);
    }

    /** Books every refund this member approved that is now in a block (chain evidence only). */
    public void bookConfirmed() {
        for (PegInDeposit d : book.deposits()) {
            if (!d.state().refundable() || d.sweepTxid() == null) {
                continue;
            }
            Optional<JsonNode> tx = bitcoin.getRawTransactionVerbose(new Txid(d.sweepTxid()));
            int confirmations = tx.map(t -> t.path("confirmations").asInt(0)).orElse(0);
            if (confirmations < 1) {
                continue;
            }
            Transaction parsed = Transaction.read(ByteBuffer.wrap(HexFormat.of().parseHex(tx.get().path("hex").asText())));
            if (!Outpoint.of(parsed.getInput(0).getOutpoint()).equals(d.outpoint())) {
                continue;
            }
            long height = bitcoin.getBlockCount().value() - confirmations + 1;
            ledger.record(PegEntries.nonQualifyingRefunded(DepositWatcher.shared(d.outpoint()),
                    DepositWatcher.shared(d.amount()), d.sweepTxid(), tx.get().path("blockhash").asText(), height));
            book.save(d.in(PegInState.REFUNDED, "refunded to the depositor by " + d.sweepTxid()));
        }
    }
}
