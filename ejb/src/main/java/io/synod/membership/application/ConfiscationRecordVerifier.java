package io.synod.membership.application;

import java.util.Arrays;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.Txid;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.membership.domain.ConfiscationRecord;
import io.synod.membership.domain.MembershipRegistry;
import io.synod.membership.domain.MisbehaviourRecord;
import io.synod.shared.domain.Outpoint;

/**
 * A member signs a confiscation record only when its own view agrees: the record is for this group's registry and
 * its current epoch, the member is convicted here by exactly the evidence the record names, the outpoint is the
 * member's stake as the registry recorded it, and on this member's own Bitcoin node the named transaction spends
 * that outpoint, pays only the configured forfeiture script and has the required confirmations. Then it recomputes
 * the registry's EIP-712 digest from the record.
 */
public final class ConfiscationRecordVerifier implements ActionVerifier {
    private final MembershipRegistry registry;
    private final MisbehaviourRecord misbehaviour;
    private final BitcoinRpcClient bitcoin;
    private final byte[] forfeiture;
    private final int confirmations;

    public ConfiscationRecordVerifier(MembershipRegistry registry, MisbehaviourRecord misbehaviour,
            BitcoinRpcClient bitcoin, byte[] forfeitureScript, int confirmations) {
        if (confirmations < 1) {
            throw new IllegalArgumentException("a confiscation is recorded only once confirmed");
        }
        this.registry = registry;
        this.misbehaviour = misbehaviour;
        this.bitcoin = bitcoin;
        this.forfeiture = forfeitureScript.clone();
        this.confirmations = confirmations;
    }

    @Override
    public ActionKind kind() {
        return ActionKind.CONFISCATION_RECORD;
    }

    @Override
    public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
        ConfiscationRecordAction a = ActionVerifier.decodeOrRefuse(kind(), encodedAction,
                ConfiscationRecordAction::decode);
        ConfiscationRecord r = a.record();
        if (!a.registry().equals(registry.address())) {
            throw refuse("for registry " + a.registry() + ", not this group's");
        }
        long current = registry.currentEpoch();
        if (r.epoch() != current) {
            throw refuse("epoch " + r.epoch() + " is not the registry's current epoch " + current);
        }
        boolean convicted = misbehaviour.convictions().stream().anyMatch(c -> c.culprit().equals(r.member())
                && Arrays.equals(c.evidenceHash(), r.evidenceHash()));
        if (!convicted) {
            throw refuse(r.member() + " is not convicted here by the evidence " + hex(r.evidenceHash()));
        }
        Outpoint stake = registry.lastRecordedStake(r.member())
                .orElseThrow(() -> refuse(r.member() + " never held a stake in the registry"));
        if (!stake.equals(r.stake())) {
            throw refuse("outpoint " + r.stake() + " is not " + r.member() + "'s stake " + stake);
        }
        if (registry.confiscationRecord(r.member()).isPresent()) {
            throw refuse("the registry already records the confiscation of " + r.member());
        }
        checkOnBitcoin(r);
        return SigningTarget.untweaked(registry.confiscationDigest(r));
    }

    private void checkOnBitcoin(ConfiscationRecord r) throws ActionRefused {
        JsonNode tx = bitcoin.getRawTransactionVerbose(new Txid(r.confiscationTxid()))
                .orElseThrow(() -> refuse("transaction " + r.confiscationTxid() + " is unknown to this member's node"));
        int seen = tx.path("confirmations").asInt(0);
        if (seen < confirmations) {
            throw refuse("transaction " + r.confiscationTxid() + " has " + seen + " of " + confirmations
                    + " confirmations here");
        }
        boolean spendsStake = false;
        for (JsonNode in : tx.path("vin")) {
            spendsStake |= in.path("txid").asText("").equals(r.stake().displayTxid())
                    && in.path("vout").asInt(-1) == r.stake().vout();
        }
        if (!spendsStake) {
            throw refuse("transaction " + r.confiscationTxid() + " does not spend the stake " + r.stake());
        }
        JsonNode outs = tx.path("vout");
        if (outs.size() == 0) {
            throw refuse("transaction " + r.confiscationTxid() + " has no outputs");
        }
        for (JsonNode out : outs) {
            byte[] script = HexFormat.of().parseHex(out.path("scriptPubKey").path("hex").asText(""));
            if (!Arrays.equals(script, forfeiture)) {
                throw refuse("transaction " + r.confiscationTxid() + " pays " + HexFormat.of().formatHex(script)
                        + ", not only the configured forfeiture output");
            }
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
