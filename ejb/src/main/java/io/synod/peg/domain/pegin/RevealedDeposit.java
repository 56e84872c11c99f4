package io.synod.peg.domain.pegin;

import java.util.HexFormat;
import java.util.Objects;

import io.synod.chain.bitcoin.deposit.DepositScript;
import io.synod.chain.bitcoin.deposit.DepositTerms;

/**
 * A deposit script announced on the sidechain (WrappedBTC's {@code DepositRevealed}): its terms, and the script
 * this member derives from them with its own group key. Every member sees the same reveal events in the same
 * order, so every member watches the same addresses.
 */
public record RevealedDeposit(String revealId, DepositTerms terms, DepositScript script) {

    public RevealedDeposit {
        Objects.requireNonNull(revealId, "revealId");
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(script, "script");
    }

    public static RevealedDeposit of(String revealId, DepositTerms terms, byte[] groupPublicKey) {
        return new RevealedDeposit(revealId, terms, DepositScript.of(groupPublicKey, terms));
    }

    /** The P2WSH output script, hex, as {@link io.synod.chain.bitcoin.ChainFollower} matches outputs. */
    public String outputScriptHex() {
        return HexFormat.of().formatHex(script.outputScript().program());
    }
}
