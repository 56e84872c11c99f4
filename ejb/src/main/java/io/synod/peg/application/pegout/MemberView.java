package io.synod.peg.application.pegout;

import java.util.Objects;
import java.util.function.Supplier;

import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.peg.domain.pegout.PegOutStore;

/**
 * One member's own view for peg-out: its store (fed by its own intake), its own Bitcoin node, its own sidechain
 * node, the group key it holds a share of, and the policy. Verifiers decide from this alone.
 */
public record MemberView(PegOutStore store, BitcoinRpcClient bitcoin, SidechainRedemptions sidechain,
        Supplier<byte[]> groupKey, PegOutPolicy policy, Supplier<java.util.Set<String>> stakes) {

    /** A view with no member stakes at the group's address (tests of payouts alone). */
    public MemberView(PegOutStore store, BitcoinRpcClient bitcoin, SidechainRedemptions sidechain,
            Supplier<byte[]> groupKey, PegOutPolicy policy) {
        this(store, bitcoin, sidechain, groupKey, policy, java.util.Set::of);
    }

    /**
     * {@code stakes}: the stake outpoints ({@code txid:vout}) every epoch recorded, paid to the group's address like
     * its coins but never a payout's input (each goes back to its member or to the forfeiture output, as itself).
     */
    public MemberView {
        Objects.requireNonNull(stakes, "stakes");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(bitcoin, "bitcoin");
        Objects.requireNonNull(sidechain, "sidechain");
        Objects.requireNonNull(groupKey, "groupKey");
        Objects.requireNonNull(policy, "policy");
    }

    /** The group's P2WPKH script: where its coins and every payout's change are. */
    public Script groupScript() {
        return ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(groupKey.get()));
    }

    /** The script code BIP 143 signs for a P2WPKH input of the group key. */
    public Script scriptCode() {
        return ScriptBuilder.createP2PKHOutputScript(ECKey.fromPublicOnly(groupKey.get()));
    }

    public long bitcoinTip() {
        return bitcoin.getBlockCount().value();
    }
}
