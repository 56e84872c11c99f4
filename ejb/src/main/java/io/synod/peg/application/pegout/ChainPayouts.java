package io.synod.peg.application.pegout;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.Txid;
import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.ledger.EntryKind;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.LedgerEntry;
import io.synod.peg.domain.ledger.PegEntries;
import io.synod.peg.domain.ledger.Posting;
import io.synod.peg.domain.pegout.RedemptionStatus;
import io.synod.peg.domain.pegout.TrackedRedemption;
import io.synod.shared.domain.Satoshis;

/**
 * Payouts this member did not approve (it was down, or its vote was not needed), booked from chain evidence alone so
 * its books stay identical to the proposer's. The evidence is the group-signed completion on the sidechain, which
 * names the Bitcoin payout of each redemption; this member then checks on its own node that the payout is confirmed
 * deep enough, spends only the group's coins, and pays exactly the completed redemptions' scripts plus the group's
 * change, and books it under the same key and figures as the proposer ({@code payout:txid}, the burned total, the
 * fee share the group bore). The payout's fee bumps (child-pays-for-parent chains from its change, one input and one
 * output to the group) are booked from the blocks too, under the proposer's key ({@code bump-fee:txid}).
 */
public final class ChainPayouts {
    private static final HexFormat HEX = HexFormat.of();

    private final MemberView view;
    private final Ledger ledger;

    public ChainPayouts(MemberView view, Ledger ledger) {
        this.view = view;
        this.ledger = ledger;
    }

    /** Books the payouts of waiting redemptions that the sidechain records as completed; returns what it booked. */
    public List<String> adopt() {
        Map<String, List<TrackedRedemption>> byPayout = new LinkedHashMap<>();
        for (TrackedRedemption r : view.store().redemptions(EnumSet.of(RedemptionStatus.REQUESTED,
                RedemptionStatus.QUEUED, RedemptionStatus.QUEUED_BY_LIMIT))) {
            if (r.batchId().isEmpty()) {
                view.sidechain().completedTxid(r.sequence())
                        .ifPresent(txid -> byPayout.computeIfAbsent(txid, k -> new ArrayList<>()).add(r));
            }
        }
        List<String> events = new ArrayList<>();
        byPayout.forEach((txid, redemptions) -> book(txid, redemptions).ifPresent(events::add));
        return events;
    }

    private Optional<String> book(String txid, List<TrackedRedemption> redemptions) {
        Optional<JsonNode> found = view.bitcoin().getRawTransactionVerbose(new Txid(txid));
        if (found.isEmpty() || found.get().path("confirmations").asInt(0) < view.policy().confirmations()) {
            return Optional.empty();
        }
        JsonNode tx = found.get();
        String group = HEX.formatHex(view.groupScript().program());
        long in = 0;
        for (JsonNode input : tx.path("vin")) {
            JsonNode prev = output(input.path("txid").asText(), input.path("vout").asInt());
            if (!group.equals(prev.path("scriptPubKey").path("hex").asText())) {
                throw new IllegalStateException("payout " + txid + " recorded on the sidechain spends a coin that is "
                        + "not the group's");
            }
            in += sats(prev);
        }
        JsonNode outs = tx.path("vout");
        int n = outs.size();
        if (n - 1 != redemptions.size()) {
            return Optional.empty(); // not every redemption of the batch is completed on the sidechain yet
        }
        List<String> expected = new ArrayList<>(redemptions.stream().map(r -> HEX.formatHex(r.request().outputScript()))
                .sorted().toList());
        List<String> paidTo = new ArrayList<>();
        long out = 0;
        long toRedeemers = 0;
        for (int i = 0; i < n; i++) {
            long v = sats(outs.get(i));
            out += v;
            if (i < n - 1) {
                toRedeemers += v;
                paidTo.add(outs.get(i).path("scriptPubKey").path("hex").asText());
            }
        }
        if (!group.equals(outs.get(n - 1).path("scriptPubKey").path("hex").asText())
                || !expected.equals(paidTo.stream().sorted().toList())) {
            throw new IllegalStateException("payout " + txid + " recorded on the sidechain does not pay exactly "
                    + "redemptions " + redemptions.stream().map(TrackedRedemption::sequence).toList()
                    + " and the group's change");
        }
        long total = redemptions.stream().mapToLong(r -> r.request().amount().value()).sum();
        long groupBorne = toRedeemers + (in - out) - total;
        String block = tx.path("blockhash").asText();
        long height = view.bitcoin().call("getblockheader", block, true).path("height").asLong();
        ledger.record(PegEntries.payoutConfirmed(txid, Satoshis.of(total), Satoshis.of(groupBorne), block, height));
        bookBumps(txid);
        for (TrackedRedemption r : redemptions) {
            view.store().update(r.with(RedemptionStatus.COMPLETED));
        }
        return Optional.of("payout " + txid + " of " + redemptions.stream().map(TrackedRedemption::sequence).toList()
                + " booked from the chain");
    }

    /**
     * Follows the payout's change through its confirmed CPFP children: a transaction in a block after the payout's
     * (or in it) spending the change alone and paying one output to the group's script.
     */
    void bookBumps(String payoutTxid) {
        Optional<JsonNode> payout = view.bitcoin().getRawTransactionVerbose(new Txid(payoutTxid));
        if (payout.isEmpty() || payout.get().path("confirmations").asInt(0) < 1) {
            return;
        }
        String group = HEX.formatHex(view.groupScript().program());
        long from = view.bitcoin().call("getblockheader", payout.get().path("blockhash").asText(), true)
                .path("height").asLong();
        long tip = view.bitcoinTip();
        String parent = payoutTxid;
        int vout = payout.get().path("vout").size() - 1;
        long value = sats(payout.get().path("vout").get(vout));
        for (long h = from; h <= tip; h++) {
            JsonNode block = view.bitcoin().call("getblock", view.bitcoin().getBlockHash(BlockHeight.of(h)).hex(),
                    true, true);
            boolean again = true;
            while (again) {
                again = false;
                for (JsonNode t : block.path("tx")) {
                    JsonNode ins = t.path("vin");
                    JsonNode outs = t.path("vout");
                    if (ins.size() == 1 && outs.size() == 1 && parent.equals(ins.get(0).path("txid").asText())
                            && ins.get(0).path("vout").asInt(-1) == vout
                            && group.equals(outs.get(0).path("scriptPubKey").path("hex").asText())) {
                        long child = sats(outs.get(0));
                        String id = t.path("txid").asText();
                        ledger.record(new LedgerEntry("bump-fee:" + id, EntryKind.FEE_PAID, List.of(
                                Posting.debit(Account.FEES, Satoshis.of(value - child)),
                                Posting.credit(Account.BTC_GROUP_MAIN, Satoshis.of(value - child))),
                                "bitcoin block " + block.path("hash").asText()));
                        parent = id;
                        vout = 0;
                        value = child;
                        again = true; // the next bump may sit in the same block
                    }
                }
            }
        }
    }

    private JsonNode output(String txid, int vout) {
        JsonNode prev = view.bitcoin().getRawTransactionVerbose(new Txid(txid))
                .orElseThrow(() -> new IllegalStateException("input " + txid + " unknown to this member's node"));
        return prev.path("vout").get(vout);
    }

    private static long sats(JsonNode output) {
        return output.path("value").decimalValue().movePointRight(8).longValueExact();
    }
}
