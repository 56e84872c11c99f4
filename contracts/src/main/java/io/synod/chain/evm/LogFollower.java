package io.synod.chain.evm;

import io.synod.chain.CursorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Follows logs of pinned contract addresses, block by block, once a block is {@code finalityDepth} deep. Logs
 * are fetched by block hash and any log whose address, block hash or removal flag is not as expected is refused,
 * so look-alike events of another contract are never delivered. Reorganisations are found by comparing the hashes
 * of processed blocks with the node's chain (nodes such as anvil report no {@code removed} logs): orphaned blocks
 * are rolled back to the listener and the new canonical blocks processed.
 */
public final class LogFollower {

    private final Web3j web3j;
    private final Set<String> addresses;
    private final int finalityDepth;
    private final int window;
    private final long startBlock;
    private final CursorStore<EvmCursor> store;

    public LogFollower(Web3j web3j, Set<String> contractAddresses, int finalityDepth, int window, long startBlock,
            CursorStore<EvmCursor> store) {
        if (contractAddresses.isEmpty() || finalityDepth < 0 || window < 1 || startBlock < 0) {
            throw new IllegalArgumentException("need addresses, finalityDepth >= 0, window >= 1, startBlock >= 0");
        }
        this.addresses = contractAddresses.stream().map(a -> {
            if (!a.matches("0x[0-9a-fA-F]{40}") || new BigInteger(a.substring(2), 16).signum() == 0) {
                throw new IllegalArgumentException("not a contract address: " + a);
            }
            return a.toLowerCase(Locale.ROOT);
        }).collect(Collectors.toUnmodifiableSet());
        this.web3j = web3j;
        this.finalityDepth = finalityDepth;
        this.window = window;
        this.startBlock = startBlock;
        this.store = store;
    }

    /** Processes every final block not yet processed; returns how many logs were delivered. */
    public synchronized int poll(LogListener listener) {
        try {
            List<EvmBlockRef> recent = new ArrayList<>(store.load().map(EvmCursor::recentBlocks).orElse(List.of()));
            int delivered = 0;
            boolean linked = false;
            while (!linked) {
                rollBackOrphans(recent, listener);
                long head = web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
                long last = head - finalityDepth;
                if (recent.isEmpty() && startBlock > 0 && startBlock <= head + 1) {
                    // Anchor on the block before the start, so a reorganisation of the first processed block is seen.
                    EthBlock.Block anchor = web3j.ethGetBlockByNumber(
                            DefaultBlockParameter.valueOf(BigInteger.valueOf(startBlock - 1)), false).send().getBlock();
                    recent.add(new EvmBlockRef(startBlock - 1, anchor.getHash()));
                }
                long next = recent.isEmpty() ? startBlock : recent.get(recent.size() - 1).number() + 1;
                linked = true;
                for (long n = next; n <= last; n++) {
                    EthBlock.Block block = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)),
                            false).send().getBlock();
                    if (block == null) {
                        break;
                    }
                    if (!recent.isEmpty() && !block.getParentHash().equals(recent.get(recent.size() - 1).hash())) {
                        linked = false; // the chain changed under us: find the fork point again
                        break;
                    }
                    List<Log> logs = logsOf(block.getHash());
                    if (logs == null) {
                        linked = false;
                        break;
                    }
                    for (Log log : logs) {
                        listener.onLog(log);
                        delivered++;
                    }
                    recent.add(new EvmBlockRef(n, block.getHash()));
                    if (recent.size() > window) {
                        recent.remove(0);
                    }
                }
            }
            store.save(new EvmCursor(recent));
            return delivered;
        } catch (IOException e) {
            throw new UncheckedIOException("sidechain node unreachable", e);
        }
    }

    /** The block's logs from pinned addresses (one query per address), or null when the node lost the block. */
    private List<Log> logsOf(String blockHash) throws IOException {
        List<Log> accepted = new ArrayList<>();
        for (String address : addresses) {
            EthLog result = web3j.ethGetLogs(new EthFilter(blockHash, address)).send();
            if (result.hasError()) {
                return null;
            }
            for (EthLog.LogResult<?> r : result.getLogs()) {
                Log log = (Log) r.get();
                if (log.isRemoved() || !blockHash.equals(log.getBlockHash())) {
                    return null;
                }
                // Checked again here: a node that ignored the address filter must not smuggle in look-alikes.
                if (addresses.contains(log.getAddress().toLowerCase(Locale.ROOT))) {
                    accepted.add(log);
                }
            }
        }
        accepted.sort((a, b) -> a.getLogIndex().compareTo(b.getLogIndex()));
        return accepted;
    }

    private void rollBackOrphans(List<EvmBlockRef> recent, LogListener listener) throws IOException {
        boolean hadBlocks = !recent.isEmpty();
        while (!recent.isEmpty()) {
            EvmBlockRef last = recent.get(recent.size() - 1);
            EthBlock.Block block = web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(last.number())),
                    false).send().getBlock();
            if (block != null && block.getHash().equals(last.hash())) {
                return;
            }
            recent.remove(recent.size() - 1);
            listener.onRollback(last);
        }
        if (hadBlocks) {
            throw new IllegalStateException("reorganisation deeper than the follower's window of " + window + " blocks");
        }
    }
}
