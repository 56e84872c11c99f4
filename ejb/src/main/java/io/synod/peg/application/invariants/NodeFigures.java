package io.synod.peg.application.invariants;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import org.bitcoinj.core.Transaction;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.Txid;
import io.synod.peg.domain.ledger.ChainFigures;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.peg.domain.pegout.BatchState;
import io.synod.peg.domain.pegout.PayoutBatch;
import io.synod.peg.domain.pegout.PegOutStore;
import io.synod.peg.domain.pegout.RedemptionStatus;
import io.synod.peg.domain.pegout.TrackedRedemption;
import io.synod.shared.domain.Satoshis;

/**
 * The chains' figures from this member's own nodes: the wrapped supply read at the sidechain tip, the group's
 * outputs on its Bitcoin node, and the redemptions from the peg-out store (itself filled from the sidechain's
 * redemption log).
 *
 * <p>The figures are put on the books' footing, and the evidence says by how much: a burn is booked when it is final
 * on the sidechain, so the burns the store still holds as REQUESTED (seen, not yet final) are added back to the
 * supply read; the payouts owed are the redemptions whose burn is booked and whose payout is not yet confirmed
 * (QUEUED to BROADCAST); and the group's own transactions in flight, which the books record only once confirmed,
 * are counted as not yet made: a payout signed or broadcast (and its fee bumps) that the node knows, in its mempool
 * or in a block, gives back the inputs the node's index no longer shows and its outputs are left out; a sweep or a
 * refund in the node's mempool gives back the deposits it spends, and a stake return or confiscation the stakes it spends.
 */
public final class NodeFigures implements PegFigures {

    private static final Set<RedemptionStatus> OWED = EnumSet.of(RedemptionStatus.QUEUED,
            RedemptionStatus.QUEUED_BY_LIMIT, RedemptionStatus.BATCHED, RedemptionStatus.SIGNED,
            RedemptionStatus.BROADCAST);

    private final BitcoinRpcClient bitcoin;
    private final SidechainSupply sidechain;
    private final BitcoinHoldings holdings;
    private final PegOutStore pegOut;
    private final DepositBook deposits;
    private final java.util.function.LongSupplier stakesSpentInMempool;

    public NodeFigures(BitcoinRpcClient bitcoin, SidechainSupply sidechain, BitcoinHoldings holdings,
            PegOutStore pegOut, DepositBook deposits) {
        this(bitcoin, sidechain, holdings, pegOut, deposits, () -> 0);
    }

    /** With {@code stakesSpentInMempool}: the stakes the books hold that a stake return or confiscation in the mempool spends. */
    public NodeFigures(BitcoinRpcClient bitcoin, SidechainSupply sidechain, BitcoinHoldings holdings,
            PegOutStore pegOut, DepositBook deposits, java.util.function.LongSupplier stakesSpentInMempool) {
        this.stakesSpentInMempool = stakesSpentInMempool;
        this.bitcoin = bitcoin;
        this.sidechain = sidechain;
        this.holdings = holdings;
        this.pegOut = pegOut;
        this.deposits = deposits;
    }

    @Override
    public ChainTips tips() {
        long height = bitcoin.getBlockCount().value();
        SidechainSupply.Head head = sidechain.head();
        return new ChainTips(height, bitcoin.getBlockHash(BlockHeight.of(height)).hex(), head.number(), head.hash());
    }

    @Override
    public ChainFigures read(ChainTips tips) {
        long supplyOnChain = sidechain.totalSupplyAt(tips.sidechainBlock()).value();
        long notFinal = sum(pegOut, EnumSet.of(RedemptionStatus.REQUESTED));
        long owed = sum(pegOut, OWED);
        Set<String> inFlight = new HashSet<>();
        long givenBack = payoutsInFlight(inFlight) + depositSpendsInMempool() + stakesSpentInMempool.getAsLong();
        long held = Math.addExact(holdings.heldAt(tips.bitcoinHeight(), inFlight).value(), givenBack);
        String evidence = "totalSupply " + supplyOnChain + " at sidechain block " + tips.sidechainBlock()
                + " + burns not yet final " + notFinal + "; group outputs " + (held - givenBack) + " + inputs of "
                + inFlight.size() + " group transactions in flight " + givenBack + " at bitcoin height "
                + tips.bitcoinHeight() + "; payouts owed " + owed;
        return new ChainFigures(Satoshis.of(Math.addExact(supplyOnChain, notFinal)), Satoshis.of(held),
                Satoshis.of(owed), evidence);
    }

    /** Adds the txids of payouts (and bumps) in flight to {@code txids}; returns the inputs they took from the index. */
    private long payoutsInFlight(Set<String> txids) {
        long inputs = 0;
        for (PayoutBatch b : pegOut.batches(EnumSet.of(BatchState.SIGNED, BatchState.BROADCAST))) {
            if (!knownToNode(b.txid())) {
                continue; // not broadcast (or dropped): its inputs are still unspent in the node's view
            }
            txids.add(b.txid());
            b.bumps().forEach(bump -> txids.add(bump.txid()));
            Transaction tx = Transaction.read(ByteBuffer.wrap(b.unsignedTx()));
            long outputs = tx.getOutputs().stream().mapToLong(o -> o.getValue().value).sum();
            inputs = Math.addExact(inputs, Math.addExact(outputs, b.fee()));
        }
        return inputs;
    }

    /** The deposits a sweep or a refund in the node's mempool spends (booked when a block holds it). */
    private long depositSpendsInMempool() {
        long spent = 0;
        for (PegInDeposit d : deposits.deposits()) {
            boolean spendable = d.state() == PegInState.MINTED || d.state().refundable();
            if (spendable && d.sweepTxid() != null && bitcoin.getMempoolEntry(new Txid(d.sweepTxid())).isPresent()) {
                spent = Math.addExact(spent, d.amount().value());
            }
        }
        return spent;
    }

    private boolean knownToNode(String txid) {
        Txid t = new Txid(txid);
        return bitcoin.getMempoolEntry(t).isPresent() || bitcoin.getRawTransactionVerbose(t).isPresent();
    }

    private static long sum(PegOutStore store, Set<RedemptionStatus> statuses) {
        return store.redemptions(statuses).stream().map(TrackedRedemption::request)
                .mapToLong(r -> r.amount().value()).reduce(0, Math::addExact);
    }
}
