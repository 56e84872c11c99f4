package io.synod.peg.infrastructure.node;

import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.PegEntries;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/**
 * Stakes that left the group's outputs, booked from the chain alone: a stake outpoint the registry recorded, spent in
 * a block, was either given back to its departed member or moved to the forfeiture output of a convicted one (the
 * only two stake spends the group signs). A return pays the member's own return script, the P2WPKH of its identity
 * key (the only destination any member's verifier approves for one), and its keys are public (the founding set, or
 * the registry's candidacy record): a spend paying that script is a return, any other a confiscation. Nothing local
 * decides it (neither a configured forfeiture address nor who asked to leave), so every member books it alike, under
 * the stake's outpoint, whether or not it approved the spend. A stake whose member's keys are unknown here is not
 * booked out: the figures then show the difference (never silently corrected).
 */
public final class StakeSpends {

    private static final HexFormat HEX = HexFormat.of();

    private final RegistryStakes stakes;
    private final BitcoinRpcClient bitcoin;
    private final BcoinAddressHistory history;
    private final String groupAddress;
    private final Function<String, Optional<byte[]>> returnScriptOf;
    private final Set<Outpoint> booked = ConcurrentHashMap.newKeySet();

    /** @param returnScriptOf a member's return script (its identity key's P2WPKH), empty if its keys are unknown */
    public StakeSpends(RegistryStakes stakes, BitcoinRpcClient bitcoin, BcoinAddressHistory history,
            String groupAddress, Function<String, Optional<byte[]>> returnScriptOf) {
        this.stakes = stakes;
        this.bitcoin = bitcoin;
        this.history = history;
        this.groupAddress = groupAddress;
        this.returnScriptOf = returnScriptOf;
    }

    /** Books every recorded stake that a block shows spent and these books do not show so yet. */
    public void book(Ledger ledger) {
        for (Map.Entry<Outpoint, String> e : stakes.everStaked().entrySet()) {
            Outpoint o = e.getKey();
            Optional<Satoshis> value = stakes.value(o); // as RegistryStakes booked it: nothing to book out before
            if (booked.contains(o) || value.isEmpty() || bitcoin.getTxOut(RegistryStakes.chain(o), false).isPresent()) {
                continue;
            }
            Optional<JsonNode> spend = history.confirmedSpender(groupAddress, o.displayTxid(), o.vout());
            if (spend.isEmpty()) {
                continue; // not confirmed yet (the books follow the chain's blocks), or reorganised away
            }
            Optional<String> own = returnScriptOf.apply(e.getValue()).map(HEX::formatHex);
            if (own.isEmpty()) {
                continue;
            }
            JsonNode tx = spend.get();
            JsonNode outputs = tx.path("outputs");
            boolean returned = outputs.size() == 1 && own.get().equals(outputs.path(0).path("script").asText());
            boolean confiscated = !returned;
            String block = tx.path("block").asText();
            ledger.record(PegEntries.stakeSpent(o, value.get(), confiscated, tx.path("hash").asText(), block,
                    tx.path("height").asLong()));
            booked.add(o);
            stakes.spent(o);
        }
    }

    /**
     * The stakes the books still hold that a transaction in the mempool spends: the group's outputs on the address
     * index leave them out already, the books only once a block holds the spend, so the invariant figures add them back.
     */
    public long spentInMempool() {
        long value = 0;
        for (Outpoint o : stakes.everStaked().keySet()) {
            Optional<Satoshis> stake = stakes.value(o);
            if (!booked.contains(o) && stake.isPresent() && bitcoin.getTxOut(RegistryStakes.chain(o), false).isPresent()
                    && !history.unspentWithMempool(o.displayTxid(), o.vout())) {
                value = Math.addExact(value, stake.get().value());
            }
        }
        return value;
    }
}
