package io.synod.peg.application.pegout;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bitcoinj.core.Transaction;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Txid;
import io.synod.peg.domain.pegout.BatchState;
import io.synod.peg.domain.pegout.PayoutBatch;

/**
 * Why two payouts of one redemption can never both confirm, as one member judges it from its own store and node.
 * A batch that is not yet final here is <em>live</em> unless it is <em>dead</em>: its transaction is unknown to the
 * node and one of its inputs is spent in a block (by another transaction), so Bitcoin itself refuses it for good
 * (barring a reorganisation of that block). Another batch paying any of its redemptions is safe only if it spends at
 * least one of its inputs: then at most one of the two confirms, whoever holds signatures for the other.
 */
final class BatchConflicts {

    private static final Set<BatchState> UNFINISHED = EnumSet.of(BatchState.BUILT, BatchState.SIGNED,
            BatchState.BROADCAST, BatchState.SUPERSEDED);

    private final MemberView view;

    BatchConflicts(MemberView view) {
        this.view = view;
    }

    static List<Outpoint> inputs(PayoutBatch b) {
        return inputs(b.unsignedTx());
    }

    static List<Outpoint> inputs(byte[] tx) {
        List<Outpoint> out = new ArrayList<>();
        Transaction.read(ByteBuffer.wrap(tx)).getInputs().forEach(in -> out.add(Outpoint.of(in.getOutpoint())));
        return out;
    }

    static boolean sharesInput(PayoutBatch b, Collection<Outpoint> spent) {
        Set<Outpoint> mine = new HashSet<>(inputs(b));
        return spent.stream().anyMatch(mine::contains);
    }

    /** The node holds the batch's transaction, in its mempool or in a block. */
    boolean onChain(PayoutBatch b) {
        return view.bitcoin().getRawTransactionVerbose(new Txid(b.txid())).isPresent();
    }

    /** It can never confirm: unknown to the node, and an input of it is spent in a block. */
    boolean dead(PayoutBatch b) {
        return !onChain(b) && inputs(b).stream().anyMatch(op -> view.bitcoin().getTxOut(op, false).isEmpty());
    }

    /** The unfinished batches here, other than {@code except}, that pay one of these redemptions (dead ones too). */
    List<PayoutBatch> sharing(Collection<Long> sequences, long except) {
        Set<Long> wanted = new HashSet<>(sequences);
        List<PayoutBatch> out = new ArrayList<>();
        for (PayoutBatch b : view.store().batches(UNFINISHED)) {
            if (b.id() != except && b.sequences().stream().anyMatch(wanted::contains)) {
                out.add(b);
            }
        }
        return out;
    }
}
