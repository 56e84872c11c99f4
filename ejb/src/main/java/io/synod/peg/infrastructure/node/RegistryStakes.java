package io.synod.peg.infrastructure.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.Txid;
import io.synod.membership.domain.EpochRecord;
import io.synod.membership.domain.MembershipRegistry;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.PegEntries;
import io.synod.peg.domain.pegin.StakeView;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/**
 * The current epoch's stakes as the group's registry records them, each valued from this member's own Bitcoin node
 * and booked in its ledger once confirmed (the books' Bitcoin side: held = deposits + stakes − ...). The guard sees
 * the stakes booked so far; an epoch whose stakes are not all confirmed yet counts only those that are.
 */
public final class RegistryStakes implements StakeView {

    private final MembershipRegistry registry;
    private final BitcoinRpcClient bitcoin;
    private volatile long epoch;
    private volatile int threshold = 1;
    private volatile List<Satoshis> booked = List.of();
    private volatile Set<String> outpoints = Set.of();

    public RegistryStakes(MembershipRegistry registry, BitcoinRpcClient bitcoin) {
        this.registry = registry;
        this.bitcoin = bitcoin;
    }

    /** Reads the registry's current epoch and books each of its stakes that is confirmed (idempotent by outpoint). */
    public synchronized void refresh(Ledger ledger) {
        long current = registry.currentEpoch();
        if (current == epoch && booked.size() == outpoints.size()) {
            return;
        }
        EpochRecord e = registry.epoch(current);
        List<Satoshis> values = new ArrayList<>();
        Set<String> all = new TreeSet<>();
        for (Outpoint o : e.stakes()) {
            all.add(chain(o).toString());
            Optional<JsonNode> tx = bitcoin.getRawTransactionVerbose(new Txid(o.displayTxid()));
            if (tx.isEmpty() || tx.get().path("confirmations").asLong(0) < 1) {
                continue;
            }
            long sats = tx.get().path("vout").path(o.vout()).path("value").decimalValue().movePointRight(8)
                    .longValueExact();
            long height = bitcoin.getBlockCount().value() - tx.get().path("confirmations").asLong() + 1;
            ledger.record(PegEntries.stakeConfirmed(o, Satoshis.of(sats), tx.get().path("blockhash").asText(), height));
            values.add(Satoshis.of(sats));
        }
        threshold = e.threshold();
        booked = List.copyOf(values);
        outpoints = Set.copyOf(all);
        epoch = current;
    }

    /** The stake outpoints of the current epoch (chain notation {@code txid:vout}): never spent by a payout. */
    public Set<String> outpoints() {
        return outpoints;
    }

    @Override
    public List<Satoshis> stakes() {
        return booked;
    }

    @Override
    public int threshold() {
        return threshold;
    }

    static io.synod.chain.bitcoin.Outpoint chain(Outpoint o) {
        return new io.synod.chain.bitcoin.Outpoint(new Txid(o.displayTxid()), o.vout());
    }
}
