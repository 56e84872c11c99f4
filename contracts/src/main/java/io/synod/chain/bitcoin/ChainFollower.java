package io.synod.chain.bitcoin;

import io.synod.chain.CursorStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionOutput;

/**
 * Follows the node's best chain by block hash and reports payments to watched scripts once they have
 * {@code requiredConfirmations}. Each poll first walks back from its last block until the node's chain agrees
 * (rolling back what it had recorded for orphaned blocks), then processes new blocks in order, checking that
 * each one links to the previous. Its cursor is saved after every poll, so a restarted follower neither misses
 * a block nor reports a payment twice.
 */
public final class ChainFollower {

    private final BitcoinRpcClient rpc;
    private final CursorStore<FollowerCursor> store;
    private final Set<String> watchedScripts;
    private final int requiredConfirmations;
    private final int window;
    private final BlockHeight startHeight;

    /**
     * @param startHeight the first block to scan when the store holds no cursor yet
     * @param window how many recent blocks are remembered: the deepest reorganisation that can be rolled back
     */
    public ChainFollower(BitcoinRpcClient rpc, CursorStore<FollowerCursor> store, Set<String> watchedScriptsHex,
            int requiredConfirmations, int window, BlockHeight startHeight) {
        if (requiredConfirmations < 1 || window <= requiredConfirmations) {
            throw new IllegalArgumentException("need 1 <= requiredConfirmations < window");
        }
        if (watchedScriptsHex.isEmpty()) {
            throw new IllegalArgumentException("no watched scripts");
        }
        this.rpc = rpc;
        this.store = store;
        this.watchedScripts = Set.copyOf(watchedScriptsHex);
        this.requiredConfirmations = requiredConfirmations;
        this.window = window;
        this.startHeight = startHeight;
    }

    /**
     * Looks for payments to {@code lateScripts} (scripts that began to be watched after some remembered blocks were
     * scanned) in the blocks this follower remembers, and adds those it holds neither as pending nor as reported:
     * a deposit paid in the seconds between reading its reveal and scanning its block is found, not left to its
     * refund. Payments older than the remembered window stay unseen. The next {@link #poll} reports them as usual
     * (rolled back if their block has left the best chain meanwhile).
     *
     * @return how many payments were added
     */
    public synchronized int lookBack(Set<String> lateScripts) {
        Set<String> scripts = lateScripts.stream().filter(watchedScripts::contains)
                .collect(java.util.stream.Collectors.toSet());
        if (scripts.isEmpty()) {
            return 0; // most polls read no new reveal: no cursor read for nothing
        }
        Optional<FollowerCursor> saved = store.load();
        if (saved.isEmpty() || saved.get().recentBlocks().isEmpty()) {
            return 0;
        }
        FollowerCursor cursor = saved.get();
        Set<Outpoint> known = new HashSet<>();
        cursor.pending().forEach(p -> known.add(p.outpoint()));
        cursor.reported().forEach(p -> known.add(p.outpoint()));
        List<Payment> pending = new ArrayList<>(cursor.pending());
        int added = 0;
        for (BlockRef ref : cursor.recentBlocks()) {
            for (Payment p : paymentsIn(ref, rpc.getBlock(ref.hash()), scripts)) {
                if (known.add(p.outpoint())) {
                    pending.add(p);
                    added++;
                }
            }
        }
        if (added > 0) {
            store.save(new FollowerCursor(cursor.recentBlocks(), pending, cursor.reported()));
        }
        return added;
    }

    public synchronized FollowerReport poll(PaymentListener listener) {
        FollowerCursor cursor = store.load().orElse(new FollowerCursor(List.of(), List.of(), List.of()));
        List<BlockRef> recent = new ArrayList<>(cursor.recentBlocks());
        List<Payment> pending = new ArrayList<>(cursor.pending());
        List<Payment> reported = new ArrayList<>(cursor.reported());
        List<Payment> rolledBack = new ArrayList<>();
        List<Payment> confirmed = new ArrayList<>();

        boolean linked = false;
        while (!linked) {
            rollBackOrphans(recent, pending, reported, rolledBack, listener);
            linked = scanNewBlocks(recent, pending);
        }
        BlockRef tip = recent.isEmpty() ? null : recent.get(recent.size() - 1);
        Map<Outpoint, Integer> stillPending = new LinkedHashMap<>();
        if (tip != null) {
            for (Payment p : List.copyOf(pending)) {
                int confirmations = p.block().height().confirmationsAt(tip.height());
                if (confirmations >= requiredConfirmations) {
                    pending.remove(p);
                    reported.add(p);
                    confirmed.add(p);
                    listener.confirmed(p, confirmations);
                } else {
                    stillPending.put(p.outpoint(), confirmations);
                }
            }
            long oldest = recent.get(0).height().value();
            reported.removeIf(p -> p.block().height().value() < oldest);
        }
        store.save(new FollowerCursor(recent, pending, reported));
        return new FollowerReport(tip, confirmed, rolledBack, stillPending);
    }

    private void rollBackOrphans(List<BlockRef> recent, List<Payment> pending, List<Payment> reported,
            List<Payment> rolledBack, PaymentListener listener) {
        boolean hadBlocks = !recent.isEmpty();
        BlockHeight nodeTip = rpc.getBlockCount();
        while (!recent.isEmpty()) {
            BlockRef last = recent.get(recent.size() - 1);
            if (last.height().compareTo(nodeTip) <= 0 && rpc.getBlockHash(last.height()).equals(last.hash())) {
                return;
            }
            recent.remove(recent.size() - 1);
            for (Payment p : List.copyOf(pending)) {
                if (p.block().equals(last)) {
                    pending.remove(p);
                    rolledBack.add(p);
                    listener.rolledBack(p, false);
                }
            }
            for (Payment p : List.copyOf(reported)) {
                if (p.block().equals(last)) {
                    reported.remove(p);
                    rolledBack.add(p);
                    listener.rolledBack(p, true);
                }
            }
        }
        if (hadBlocks) {
            throw new ReorgTooDeepException("no block of the last " + window + " is in the best chain any more");
        }
    }

    /** @return false when a new block did not link to the last processed one (a reorganisation while scanning) */
    private boolean scanNewBlocks(List<BlockRef> recent, List<Payment> pending) {
        BlockHeight nodeTip = rpc.getBlockCount();
        if (recent.isEmpty() && startHeight.value() > 0 && startHeight.value() <= nodeTip.value() + 1) {
            // Anchor on the block before the start so that a reorganisation of the first scanned block is seen.
            BlockHeight anchor = BlockHeight.of(startHeight.value() - 1);
            recent.add(new BlockRef(anchor, rpc.getBlockHash(anchor)));
        }
        BlockHeight next = recent.isEmpty() ? startHeight : recent.get(recent.size() - 1).height().next();
        while (next.compareTo(nodeTip) <= 0) {
            BlockHash hash = rpc.getBlockHash(next);
            Block block = rpc.getBlock(hash);
            if (!recent.isEmpty() && !BlockHash.of(block.getPrevBlockHash()).equals(recent.get(recent.size() - 1).hash())) {
                return false;
            }
            BlockRef ref = new BlockRef(next, hash);
            pending.addAll(paymentsIn(ref, block, watchedScripts));
            recent.add(ref);
            if (recent.size() > window) {
                recent.remove(0);
            }
            next = next.next();
        }
        return true;
    }

    private static List<Payment> paymentsIn(BlockRef ref, Block block, Set<String> scripts) {
        List<Payment> found = new ArrayList<>();
        for (Transaction tx : block.getTransactions()) {
            List<TransactionOutput> outputs = tx.getOutputs();
            for (int i = 0; i < outputs.size(); i++) {
                String script = HexFormat.of().formatHex(outputs.get(i).getScriptBytes());
                if (scripts.contains(script)) {
                    found.add(new Payment(new Outpoint(Txid.of(tx.getTxId()), i), script,
                            Satoshis.of(outputs.get(i).getValue().value), ref));
                }
            }
        }
        return found;
    }
}
