package io.synod.peg.application.jobs;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.evm.Eip712;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.peg.domain.jobs.ReserveAttestationAction;

/**
 * A member's check of a proof-of-reserves attestation, from its own nodes: the height is final here and the block
 * hash is this node's; every listed coin is unspent here, pays the group's script and was confirmed at or below the
 * height; they sum to the attested reserves; the supply is what this member's sidechain node reports at the named
 * block; reserves cover it. A proposer can only understate the reserves (by leaving coins out), never inflate them.
 */
public final class ReserveAttestationVerifier implements ActionVerifier {

    private final GroupJobsView view;

    public ReserveAttestationVerifier(GroupJobsView view) {
        this.view = view;
    }

    @Override
    public ActionKind kind() {
        return ActionKind.RESERVE_ATTESTATION;
    }

    @Override
    public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
        ReserveAttestationAction a = ActionVerifier.decodeOrRefuse(kind(), encodedAction, ReserveAttestationAction::decode);
        GroupJobsSidechain sidechain = view.sidechain();
        if (!a.contract().equals(sidechain.reserveContract())) {
            throw refuse("contract " + a.contract() + " is not this member's attestation contract");
        }
        if (a.epoch() != sidechain.currentEpoch()) {
            throw refuse("epoch " + a.epoch() + " is not the current epoch");
        }
        long finalHeight = view.finalHeight();
        if (a.bitcoinHeight() > finalHeight) {
            throw refuse("height " + a.bitcoinHeight() + " is not final here (final " + finalHeight + ")");
        }
        if (!Arrays.equals(view.blockHash(a.bitcoinHeight()), a.bitcoinBlockHash())) {
            throw refuse("block " + HexFormat.of().formatHex(a.bitcoinBlockHash()) + " is not this node's block at "
                    + a.bitcoinHeight());
        }
        long tip = view.bitcoin().getBlockCount().value();
        String groupScript = HexFormat.of().formatHex(view.groupScript().program());
        // The members' stakes pay the group's script too, but they are collateral, not users' coins: only what the
        // member's own coin view counts as the group's (stakes left out) may back the wrapped supply.
        Set<Outpoint> reserveCoins = view.coins().confirmed().stream().map(c -> c.utxo().outpoint())
                .collect(Collectors.toSet());
        long sum = 0;
        for (Outpoint o : a.coins()) {
            Optional<JsonNode> coin = view.bitcoin().getTxOut(o, false);
            if (coin.isEmpty()) {
                throw refuse("coin " + o + " is not unspent on this member's node");
            }
            if (!groupScript.equals(coin.get().path("scriptPubKey").path("hex").asText())) {
                throw refuse("coin " + o + " does not pay the group's script");
            }
            if (!reserveCoins.contains(o)) {
                throw refuse("coin " + o + " is not a reserve coin here (a member's stake is never a reserve)");
            }
            long confirmedAt = tip - coin.get().path("confirmations").asLong(0) + 1;
            if (coin.get().path("confirmations").asLong(0) < 1 || confirmedAt > a.bitcoinHeight()) {
                throw refuse("coin " + o + " was not confirmed by height " + a.bitcoinHeight());
            }
            sum += coin.get().path("value").decimalValue().movePointRight(8).longValueExact();
        }
        if (sum != a.reserves()) {
            throw refuse("the coins hold " + sum + " sat here, not " + a.reserves());
        }
        if (a.sidechainBlock() > sidechain.head()) {
            throw refuse("sidechain block " + a.sidechainBlock() + " is not known here");
        }
        long supply = sidechain.wrappedSupplyAt(a.sidechainBlock());
        if (supply != a.wrappedSupply()) {
            throw refuse("the wrapped supply at block " + a.sidechainBlock() + " is " + supply + " here, not "
                    + a.wrappedSupply());
        }
        if (a.reserves() < a.wrappedSupply()) {
            throw refuse("reserves " + a.reserves() + " do not cover the wrapped supply " + a.wrappedSupply());
        }
        return SigningTarget.untweaked(new Eip712(sidechain.chainId()).attestReserves(a.contract(), a.bitcoinHeight(),
                a.bitcoinBlockHash(), BigInteger.valueOf(a.reserves()), BigInteger.valueOf(a.wrappedSupply()), a.epoch()));
    }

}
