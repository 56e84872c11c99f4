package io.synod.peg.infrastructure.invariants;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.synod.peg.application.invariants.BitcoinHoldings;
import io.synod.peg.infrastructure.pegout.BcoinAddressIndex;
import io.synod.shared.domain.Satoshis;

/**
 * The group's outputs on bcoin's address index: every confirmed output to the group's own address (main output and
 * stakes), and the outputs to revealed deposit scripts once they have {@code depositConfirmations} (when the deposit
 * watcher books them; a younger deposit is not yet the group's in the books). Outputs spent in the mempool are
 * left out by the index.
 */
public final class BcoinHoldings implements BitcoinHoldings {

    private final BcoinAddressIndex index;
    private final String groupAddress;
    private final Supplier<List<String>> depositAddresses;
    private final int depositConfirmations;
    private final Supplier<java.util.Set<String>> candidacyStakes;

    public BcoinHoldings(BcoinAddressIndex index, String groupAddress, Supplier<List<String>> depositAddresses,
            int depositConfirmations) {
        this(index, groupAddress, depositAddresses, depositConfirmations, java.util.Set::of);
    }

    /**
     * With {@code candidacyStakes} ({@code txid:vout}): the stakes of candidates the registry has not admitted yet (or
     * never will: a stake below the minimum). Paid to the group's address, they are not the group's until an epoch
     * names them (the books then record them), so they are left out here as the books leave them out.
     */
    public BcoinHoldings(BcoinAddressIndex index, String groupAddress, Supplier<List<String>> depositAddresses,
            int depositConfirmations, Supplier<java.util.Set<String>> candidacyStakes) {
        this.candidacyStakes = candidacyStakes;
        this.index = index;
        this.groupAddress = groupAddress;
        this.depositAddresses = depositAddresses;
        this.depositConfirmations = depositConfirmations;
    }

    @Override
    public Satoshis heldAt(long tipHeight, java.util.Set<String> inFlight) {
        List<String> addresses = new ArrayList<>(depositAddresses.get());
        addresses.add(groupAddress);
        long held = 0;
        java.util.Set<String> candidates = candidacyStakes.get();
        for (BcoinAddressIndex.IndexedCoin c : index.coins(addresses)) {
            if (candidates.contains(c.txid() + ":" + c.index())) {
                continue;
            }
            boolean counted = c.address().equals(groupAddress) ? c.height() >= 1
                    : c.height() >= 1 && c.height() <= tipHeight - depositConfirmations + 1;
            if (counted && !inFlight.contains(c.txid())) {
                held = Math.addExact(held, c.value());
            }
        }
        return Satoshis.of(held);
    }
}
