package io.synod.peg.application.pegout;

import java.util.List;

import io.synod.chain.bitcoin.Utxo;

/** The group's spendable P2WPKH coins as this member's Bitcoin node sees them. */
public interface GroupCoins {

    /** Confirmed, unspent (mempool spends included) outputs paying the group's script, with their block heights. */
    List<Coin> confirmed();

    record Coin(Utxo utxo, long height) {
    }
}
