package io.synod.peg.application.pegout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.Txid;
import io.synod.peg.domain.pegout.PayoutBatch;
import io.synod.peg.domain.pegout.TrackedRedemption;

/**
 * Payouts of the group that this member's store does not hold, found on its own node: in the mempool and in the last
 * {@link #depth} blocks. A payout has the group's change as its last output and pays redemptions' scripts with the
 * others, each at most the burned amount. This is how a member that missed a batch (it was down, or refused it) learns
 * that the group already paid some redemptions, from chain evidence rather than from its own memory. A payout deeper
 * than the scan is found later from the sidechain's completion ({@link ChainPayouts}); one signed but never broadcast
 * is found by nobody from the chain, and is left to the members that approved it (they refuse any other batch of its
 * redemptions that does not spend one of its inputs).
 */
final class PayoutEvidence {
    private static final HexFormat HEX = HexFormat.of();
    private static final int CACHED_BLOCKS = 256;
    private static final int CACHED_TRANSACTIONS = 8192;

    /** A payout on the node; {@code paid} lists the sequences its outputs pay in order, when every output matched. */
    record Found(String txid, List<Long> paid, boolean complete) {
    }

    private final MemberView view;
    /** Blocks never change under their hash: each is read once. */
    private final Map<String, JsonNode> blocks = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonNode> e) {
            return size() > CACHED_BLOCKS;
        }
    };

    /** Transactions never change under their txid either: a mempool entry is read once while it stays there. */
    private final Map<String, Optional<JsonNode>> transactions = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Optional<JsonNode>> e) {
            return size() > CACHED_TRANSACTIONS;
        }
    };

    PayoutEvidence(MemberView view) {
        this.view = view;
    }

    /** How deep the scan goes: a payout in flight stays within it until it is completed on the sidechain. */
    int depth() {
        PegOutPolicy p = view.policy();
        return p.heightTolerance() + p.confirmations() + p.limits().windowBlocks() + p.bumpAfterBlocks();
    }

    /** The payouts unknown to this member's store that pay any of {@code candidates}. */
    synchronized List<Found> unknownPayoutsOf(Collection<TrackedRedemption> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        Set<String> known = new HashSet<>();
        for (PayoutBatch b : view.store().batches(java.util.EnumSet.allOf(io.synod.peg.domain.pegout.BatchState.class))) {
            known.add(b.txid());
            b.bumps().forEach(x -> known.add(x.txid()));
        }
        String group = HEX.formatHex(view.groupScript().program());
        List<Found> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Txid txid : view.bitcoin().getRawMempool()) {
            if (!known.contains(txid.hex()) && seen.add(txid.hex())) {
                transactions.computeIfAbsent(txid.hex(), k -> view.bitcoin().getRawTransactionVerbose(txid))
                        .flatMap(t -> match(txid.hex(), t, candidates, group)).ifPresent(found::add);
            }
        }
        long tip = view.bitcoinTip();
        for (long h = Math.max(1, tip - depth() + 1); h <= tip; h++) {
            String hash = view.bitcoin().getBlockHash(BlockHeight.of(h)).hex();
            JsonNode block = blocks.computeIfAbsent(hash, k -> view.bitcoin().call("getblock", k, true, true));
            for (JsonNode t : block.path("tx")) {
                String id = t.path("txid").asText();
                if (!known.contains(id) && seen.add(id)) {
                    match(id, t, candidates, group).ifPresent(found::add);
                }
            }
        }
        return found;
    }

    /**
     * Each output but the last (the group's change) is matched with the lowest unmatched candidate paid to that script
     * no more than it burned. Any match at all is evidence; {@code complete} when every output matched.
     */
    private Optional<Found> match(String txid, JsonNode tx, Collection<TrackedRedemption> candidates,
            String group) {
        JsonNode outs = tx.path("vout");
        int n = outs.size();
        if (n < 2 || !group.equals(outs.get(n - 1).path("scriptPubKey").path("hex").asText())) {
            return Optional.empty();
        }
        List<TrackedRedemption> open = new ArrayList<>(candidates);
        open.sort(java.util.Comparator.comparingLong(TrackedRedemption::sequence));
        List<Long> paid = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < n - 1; i++) {
            byte[] script = HEX.parseHex(outs.get(i).path("scriptPubKey").path("hex").asText());
            long value = outs.get(i).path("value").decimalValue().movePointRight(8).longValueExact();
            TrackedRedemption hit = null;
            for (TrackedRedemption r : open) {
                if (Arrays.equals(r.request().outputScript(), script) && value <= r.request().amount().value()) {
                    hit = r;
                    break;
                }
            }
            if (hit == null) {
                complete = false;
            } else {
                open.remove(hit);
                paid.add(hit.sequence());
            }
        }
        if (paid.isEmpty() || !spendsOnlyGroupCoins(tx, group)) {
            return Optional.empty(); // anyone can pay a redeemer's script: only the group's own spends count
        }
        return Optional.of(new Found(txid, List.copyOf(paid), complete));
    }

    private boolean spendsOnlyGroupCoins(JsonNode tx, String group) {
        if (tx.path("vin").isEmpty()) {
            return false;
        }
        for (JsonNode in : tx.path("vin")) {
            Optional<JsonNode> prev = view.bitcoin().getRawTransactionVerbose(new Txid(in.path("txid").asText()));
            JsonNode out = prev.map(p -> p.path("vout").path(in.path("vout").asInt(-1))).orElse(null);
            if (out == null || !group.equals(out.path("scriptPubKey").path("hex").asText())) {
                return false;
            }
        }
        return true;
    }
}
