package io.synod.membership.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.Txid;
import io.synod.membership.domain.StakePolicy;
import io.synod.membership.domain.StakeRefusal;
import io.synod.membership.domain.StakeRefusalReason;
import io.synod.membership.domain.StakeRefusals;
import io.synod.membership.domain.StakeVerdict;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/**
 * A member's own check of a candidate's stake against its own Bitcoin node: the outpoint is not already some
 * member's or candidate's stake, exists, is unspent, pays the group's P2WPKH address, is worth at least the minimum
 * and has the required confirmations. Each refusal carries a typed reason and is kept for operators; nothing a
 * candidate claims about its stake is taken on trust.
 */
public final class StakeVerifier {
    private static final BigDecimal SATS_PER_BTC = BigDecimal.valueOf(100_000_000L);

    private final BitcoinRpcClient bitcoin;
    private final byte[] groupScript;
    private final String groupKeyHex;
    private final StakePolicy policy;
    private final StakeRefusals refusals;
    private final Clock clock;

    public StakeVerifier(BitcoinRpcClient bitcoin, byte[] groupPublicKey, StakePolicy policy, StakeRefusals refusals,
            Clock clock) {
        this.bitcoin = bitcoin;
        this.groupScript = groupScript(groupPublicKey);
        this.groupKeyHex = HexFormat.of().formatHex(groupPublicKey);
        this.policy = policy;
        this.refusals = refusals;
        this.clock = clock;
    }

    /** The group's P2WPKH output script for its compressed (33-byte) public key: where stakes are paid. */
    public static byte[] groupScript(byte[] compressedGroupKey) {
        return ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(compressedGroupKey)).program();
    }

    public StakePolicy policy() {
        return policy;
    }

    /**
     * Checks {@code stake} offered by {@code candidate} (identity address); {@code inUse} are the outpoints other
     * members and candidates already name (from the registry).
     */
    public StakeVerdict verify(String candidate, Outpoint stake, Set<Outpoint> inUse) {
        if (inUse.contains(stake)) {
            return refuse(candidate, stake, StakeRefusalReason.ALREADY_USED, "named by another member or candidate");
        }
        io.synod.chain.bitcoin.Outpoint chainOutpoint = new io.synod.chain.bitcoin.Outpoint(
                new Txid(stake.displayTxid()), stake.vout());
        Optional<JsonNode> out = bitcoin.getTxOut(chainOutpoint, true);
        if (out.isEmpty()) {
            // gettxout is silent on both; the transaction itself tells a spent output from one that never existed.
            boolean existed = bitcoin.getRawTransactionVerbose(chainOutpoint.txid())
                    .map(tx -> tx.path("vout").size() > stake.vout()).orElse(false);
            return existed ? refuse(candidate, stake, StakeRefusalReason.SPENT, "the output has been spent")
                    : refuse(candidate, stake, StakeRefusalReason.MISSING, "no such output on this member's node");
        }
        JsonNode o = out.get();
        byte[] script = HexFormat.of().parseHex(o.path("scriptPubKey").path("hex").asText(""));
        if (!Arrays.equals(script, groupScript)) {
            return refuse(candidate, stake, StakeRefusalReason.WRONG_ADDRESS,
                    "pays script " + HexFormat.of().formatHex(script) + ", not the group's");
        }
        Satoshis value = new Satoshis(o.path("value").decimalValue().multiply(SATS_PER_BTC).longValueExact());
        if (value.compareTo(policy.minimum()) < 0) {
            return refuse(candidate, stake, StakeRefusalReason.BELOW_MINIMUM,
                    value + " is below the minimum of " + policy.minimum());
        }
        Optional<String> groupSpent = groupSignedInput(chainOutpoint.txid());
        if (groupSpent.isPresent()) {
            // The group's own coin (a sweep's output, a payout's change): paid to the group's script like a stake,
            // but admitting it would let the candidate take users' coins back as its "stake" when it leaves.
            return refuse(candidate, stake, StakeRefusalReason.ALREADY_USED,
                    "the group's own coin: its transaction spends " + groupSpent.get() + " with the group key");
        }
        int confirmations = o.path("confirmations").asInt(0);
        if (confirmations < policy.confirmations()) {
            return refuse(candidate, stake, StakeRefusalReason.UNCONFIRMED,
                    confirmations + " of " + policy.confirmations() + " confirmations");
        }
        return new StakeVerdict.Accepted(stake, value, confirmations);
    }

    /**
     * The first input of transaction {@code txid} that the group key signed, if any. Every transaction the group
     * makes (a sweep of deposits, a payout, a stake return) spends its coins with the group's compressed public key
     * as a witness item (P2WPKH, and the deposit script's group branch); a candidate's own payment never does.
     */
    private Optional<String> groupSignedInput(Txid txid) {
        JsonNode tx = bitcoin.getRawTransactionVerbose(txid)
                .orElseThrow(() -> new IllegalStateException("transaction " + txid.hex() + " has an unspent output "
                        + "on this member's node but the node does not return it (is its transaction index on?)"));
        return groupSignedInput(tx, groupKeyHex);
    }

    /**
     * The first input (chain notation {@code txid:vout}) of a verbose node transaction that has the group's
     * compressed key {@code groupKeyHex} as a witness item, if any: the mark of a transaction the group made.
     */
    public static Optional<String> groupSignedInput(JsonNode tx, String groupKeyHex) {
        for (JsonNode in : tx.path("vin")) {
            for (JsonNode item : in.path("txinwitness")) {
                if (item.asText().equalsIgnoreCase(groupKeyHex)) {
                    return Optional.of(in.path("txid").asText() + ":" + in.path("vout").asInt());
                }
            }
        }
        return Optional.empty();
    }

    private StakeVerdict refuse(String candidate, Outpoint stake, StakeRefusalReason reason, String detail) {
        StakeRefusal r = new StakeRefusal(candidate, stake, reason, detail, clock.instant());
        refusals.record(r);
        return new StakeVerdict.Refused(r);
    }
}
