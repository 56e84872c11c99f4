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

    public BcoinHoldings(BcoinAddressIndex index, String groupAddress, Supplier<List<String>> depositAddresses,
            int depositConfirmations) {
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
        for (BcoinAddressIndex.IndexedCoin c : index.coins(addresses)) {
            boolean counted = c.address().equals(groupAddress) ? c.height() >= 1
                    : c.height() >= 1 && c.height() <= tipHeight - depositConfirmations + 1;
            if (counted && !inFlight.contains(c.txid())) {
                held = Math.addExact(held, c.value());
            }
        }
        return Satoshis.of(held);
    }
}
