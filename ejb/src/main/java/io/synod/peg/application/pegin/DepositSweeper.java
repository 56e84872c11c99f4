package io.synod.peg.application.pegin;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.bitcoinj.core.Transaction;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.Broadcaster;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.deposit.Deposit;
import io.synod.chain.bitcoin.deposit.DepositSweep;
import io.synod.chain.bitcoin.deposit.SweepMargin;
import io.synod.chain.bitcoin.deposit.UnsignedSweep;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.peg.application.signing.GroupTransactionSigner;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.PegEntries;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.peg.domain.pegin.SweepInputAction;
import io.synod.peg.domain.pegin.SweepPolicy;

/**
 * Sweeps minted deposits into the group's main output. {@link #sweepIfDue} (run by the sweep leader) batches the
 * unspent minted deposits, most urgent refund first, at most {@code maxInputs}, once a batch is full or one is
 * near its refund, and has each input signed by the group as a {@link SweepInputAction}. {@link #bookConfirmedSweeps}
 * (run by every member) marks deposits SWEPT and books the sweep only once its transaction is in a block.
 */
public final class DepositSweeper {

    /**
     * The longest wait for each next input's group signature: past the two 20 s rounds a session that does not end
     * early is decided by, as the peg-out's signing timeout (60 s). Giving up sooner would leave sessions running
     * and ask for the same inputs again at the next tick, adding to the load that made them slow.
     */
    private static final Duration SIGNING_TIMEOUT = Duration.ofSeconds(60);

    private final DepositBook book;
    private final Ledger ledger;
    private final SweepPolicy policy;
    private final BitcoinRpcClient bitcoin;
    private final Broadcaster broadcaster;
    private final GroupSigning signing;
    private final DepositSweep sweep;

    public DepositSweeper(DepositBook book, Ledger ledger, SweepPolicy policy, BitcoinRpcClient bitcoin,
            Broadcaster broadcaster, GroupSigning signing) {
        this.book = book;
        this.ledger = ledger;
        this.policy = policy;
        this.bitcoin = bitcoin;
        this.broadcaster = broadcaster;
        this.signing = signing;
        this.sweep = new DepositSweep(signing.groupPublicKey(), policy.fees(), bitcoin::estimateSmartFee);
    }

    /** Builds, signs and broadcasts one sweep if one is due; returns its txid. */
    public Optional<Txid> sweepIfDue() {
        BlockHeight tip = bitcoin.getBlockCount();
        List<PegInDeposit> candidates = new ArrayList<>();
        for (PegInDeposit d : book.deposits()) {
            long left = SweepMargin.exclusiveBlocksLeft(tip, d.reveal().terms().refundHeight());
            if (d.state() == PegInState.MINTED && left >= policy.minBlocksLeft() && !sweepPending(d)
                    && bitcoin.getTxOut(d.outpoint(), false).isPresent()) {
                candidates.add(d);
            }
        }
        candidates.sort(Comparator.comparing((PegInDeposit d) -> d.reveal().terms().refundHeight())
                .thenComparing(d -> d.outpoint().toString()));
        boolean urgent = candidates.stream().anyMatch(d ->
                SweepMargin.exclusiveBlocksLeft(tip, d.reveal().terms().refundHeight()) <= policy.urgentBlocks());
        if (candidates.isEmpty() || (candidates.size() < policy.batchSize() && !urgent)) {
            return Optional.empty();
        }
        List<Deposit> batch = candidates.stream().limit(policy.maxInputs())
                .map(d -> new Deposit(d.outpoint(), d.amount(), d.reveal().script())).toList();
        UnsignedSweep unsigned = sweep.build(batch);
        byte[] bytes = unsigned.transaction().serialize();
        int inputs = unsigned.transaction().getInputs().size();
        Transaction signed = sweep.sign(unsigned, new GroupTransactionSigner(signing, inputs,
                i -> new SweepInputAction(bytes, i), SIGNING_TIMEOUT));
        return Optional.of(broadcaster.broadcast(signed));
    }

    /** A sweep this member approved for the deposit is in the mempool or a block (bcoin's gettxout ignores mempool spends). */
    private boolean sweepPending(PegInDeposit d) {
        if (d.sweepTxid() == null) {
            return false;
        }
        Txid t = new Txid(d.sweepTxid());
        return bitcoin.getMempoolEntry(t).isPresent() || bitcoin.getRawTransactionVerbose(t).isPresent();
    }

    /** Books every sweep this member approved that is now in a block (chain evidence only). */
    public void bookConfirmedSweeps() {
        Map<String, List<PegInDeposit>> bySweep = new LinkedHashMap<>();
        for (PegInDeposit d : book.deposits()) {
            if (d.state() == PegInState.MINTED && d.sweepTxid() != null) {
                bySweep.computeIfAbsent(d.sweepTxid(), k -> new ArrayList<>()).add(d);
            }
        }
        for (Map.Entry<String, List<PegInDeposit>> e : bySweep.entrySet()) {
            Optional<JsonNode> tx = bitcoin.getRawTransactionVerbose(new Txid(e.getKey()));
            int confirmations = tx.map(t -> t.path("confirmations").asInt(0)).orElse(0);
            if (confirmations < 1) {
                continue;
            }
            Transaction parsed = Transaction.read(ByteBuffer.wrap(java.util.HexFormat.of().parseHex(tx.get().path("hex").asText())));
            long total = e.getValue().stream().mapToLong(d -> d.amount().value()).sum();
            if (parsed.getInputs().size() != e.getValue().size()) {
                continue; // this member approved only some of its inputs: it books the sweep when it knows them all
            }
            long fee = total - parsed.getOutput(0).getValue().value;
            String blockHash = tx.get().path("blockhash").asText();
            long height = bitcoin.getBlockCount().value() - confirmations + 1;
            ledger.record(PegEntries.depositsSwept(e.getKey(), io.synod.shared.domain.Satoshis.of(total),
                    io.synod.shared.domain.Satoshis.of(fee), blockHash, height));
            e.getValue().forEach(d -> book.save(d.swept(e.getKey())));
        }
    }
}
