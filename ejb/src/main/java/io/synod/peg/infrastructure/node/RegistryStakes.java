package io.synod.peg.infrastructure.node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private volatile Map<Outpoint, Satoshis> booked = Map.of();
    private final Set<Outpoint> spent = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Set<String> outpoints = Set.of();
    private volatile Map<Outpoint, String> everStaked = Map.of();
    private volatile Map<Outpoint, Satoshis> valued = Map.of();
    private volatile Set<Outpoint> unconfirmed = Set.of();

    public RegistryStakes(MembershipRegistry registry, BitcoinRpcClient bitcoin) {
        this.registry = registry;
        this.bitcoin = bitcoin;
    }

    /**
     * Reads the registry's current epoch and books every stake the registry ever recorded that is confirmed
     * (idempotent by outpoint): a member that joined late books the stakes of members who left before it joined,
     * so that their return or confiscation ({@link StakeSpends}) balances in its books as in everyone's.
     */
    public synchronized void refresh(Ledger ledger) {
        long current = registry.currentEpoch();
        if (current == epoch && unconfirmed.isEmpty()) {
            return;
        }
        Map<Outpoint, String> owners = new LinkedHashMap<>(everStaked);
        for (long n = Math.max(1, epoch); n <= current; n++) {
            EpochRecord r = registry.epoch(n);
            r.members().stream().filter(m -> !unset(r.stakeOf(m))).forEach(m -> owners.putIfAbsent(r.stakeOf(m), m));
        }
        EpochRecord e = registry.epoch(current);
        Map<Outpoint, Satoshis> values = new LinkedHashMap<>();
        Map<Outpoint, Satoshis> confirmed = new LinkedHashMap<>();
        Set<String> all = new TreeSet<>();
        Set<Outpoint> waiting = new HashSet<>();
        for (Outpoint o : owners.keySet()) {
            Optional<Satoshis> value = book(ledger, o);
            if (value.isEmpty()) {
                waiting.add(o);
            } else {
                confirmed.put(o, value.get());
                if (e.stakes().contains(o)) {
                    values.put(o, value.get());
                }
            }
        }
        // Every recorded stake, not only the current epoch's: a departed member's stake waits at the group's address
        // until its return or confiscation is signed, and a payout spending it would leave nothing to give back.
        owners.keySet().forEach(o -> all.add(chain(o).toString()));
        threshold = e.threshold();
        booked = Map.copyOf(values);
        valued = Map.copyOf(confirmed);
        outpoints = Set.copyOf(all);
        everStaked = Map.copyOf(owners);
        unconfirmed = Set.copyOf(waiting);
        epoch = current;
    }

    /** Books the stake if its transaction is in a block; its value, or empty while it is not. */
    private Optional<Satoshis> book(Ledger ledger, Outpoint o) {
        Optional<JsonNode> tx = bitcoin.getRawTransactionVerbose(new Txid(o.displayTxid()));
        if (tx.isEmpty() || tx.get().path("confirmations").asLong(0) < 1) {
            return Optional.empty();
        }
        Satoshis sats = Satoshis.of(tx.get().path("vout").path(o.vout()).path("value").decimalValue().movePointRight(8)
                .longValueExact());
        long height = bitcoin.getBlockCount().value() - tx.get().path("confirmations").asLong() + 1;
        ledger.record(PegEntries.stakeConfirmed(o, sats, tx.get().path("blockhash").asText(), height));
        return Optional.of(sats);
    }

    /** The value of a recorded stake as booked here, once its transaction is in a block. */
    public Optional<Satoshis> value(Outpoint stake) {
        return Optional.ofNullable(valued.get(stake));
    }

    /** Every stake outpoint the registry ever recorded, with the member it belonged to. */
    public Map<Outpoint, String> everStaked() {
        return everStaked;
    }

    /**
     * The stake outpoints every epoch recorded (chain notation {@code txid:vout}): never spent by a payout, whether
     * their member is still in the group or waits for its stake to come back.
     */
    public Set<String> outpoints() {
        return outpoints;
    }

    @Override
    public List<Satoshis> stakes() {
        // A stake confiscated while its member is still in the epoch (convicted, not yet excluded) backs nothing: it
        // counts as zero (a coalition may include that member at no cost), not as absent.
        return booked.entrySet().stream().map(x -> spent.contains(x.getKey()) ? Satoshis.of(0) : x.getValue())
                .toList();
    }

    /** A recorded stake left the group's outputs in a block ({@link StakeSpends} booked it): the guard counts it as zero. */
    void spent(Outpoint stake) {
        spent.add(stake);
    }

    @Override
    public int threshold() {
        return threshold;
    }

    /** Epoch 1 (before the founders' stakes) names no outpoint: the registry holds zeros. */
    private static boolean unset(Outpoint o) {
        return java.util.Arrays.equals(o.txid(), new byte[32]);
    }

    static io.synod.chain.bitcoin.Outpoint chain(Outpoint o) {
        return new io.synod.chain.bitcoin.Outpoint(new Txid(o.displayTxid()), o.vout());
    }
}
