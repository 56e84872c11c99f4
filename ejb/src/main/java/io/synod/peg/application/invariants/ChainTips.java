package io.synod.peg.application.invariants;

import java.util.Objects;

/** The best block of each chain as this member's nodes see them; a check runs once per distinct pair. */
public record ChainTips(long bitcoinHeight, String bitcoinHash, long sidechainBlock, String sidechainHash) {

    public ChainTips {
        Objects.requireNonNull(bitcoinHash, "bitcoinHash");
        Objects.requireNonNull(sidechainHash, "sidechainHash");
    }

    /** How an alert names the block it was found at. */
    public String describe() {
        return "bitcoin " + bitcoinHeight + " " + bitcoinHash + " / sidechain " + sidechainBlock + " " + sidechainHash;
    }
}
