package io.synod.peg.infrastructure.pegout;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.Utxo;
import io.synod.peg.application.pegout.GroupCoins;

/**
 * The group's coins from bcoin's address index ({@link BcoinAddressIndex}), which leaves out coins spent in the
 * mempool. Only confirmed coins with the group's exact script are returned: a payout never spends an unconfirmed
 * change.
 */
public final class BcoinGroupCoins implements GroupCoins {

    private final BcoinAddressIndex index;
    private final String address;
    private final String scriptHex;

    public BcoinGroupCoins(URI nodeUrl, String apiKey, String groupAddress, String groupScriptHex) {
        this.index = new BcoinAddressIndex(nodeUrl, apiKey);
        this.address = groupAddress;
        this.scriptHex = groupScriptHex;
    }

    @Override
    public List<Coin> confirmed() {
        List<Coin> coins = new ArrayList<>();
        for (BcoinAddressIndex.IndexedCoin c : index.coins(List.of(address))) {
            if (c.height() < 1 || !scriptHex.equals(c.scriptHex())) {
                continue;
            }
            coins.add(new Coin(new Utxo(new Outpoint(new Txid(c.txid()), c.index()), Satoshis.of(c.value())), c.height()));
        }
        return coins;
    }
}
