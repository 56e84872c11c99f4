package io.synod.membership.application;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.Txid;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.membership.domain.MembershipRegistry;
import io.synod.membership.domain.MisbehaviourRecord;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/**
 * The checks a stake return and a confiscation share, from this member's own view: the outpoint is the member's
 * stake as the registry recorded it (in the last epoch it belonged to), it is unspent on this member's Bitcoin node,
 * pays the group key and is worth exactly the value the action states; the fee is within policy and leaves more
 * than dust. Then the kind's own rule ({@link #checkKind}) and the BIP 143 sighash, recomputed from the action.
 */
public abstract sealed class StakeSpendVerifier implements ActionVerifier
        permits StakeSpendVerifier.Return, StakeSpendVerifier.Confiscation {
    private static final BigDecimal SATS_PER_BTC = BigDecimal.valueOf(100_000_000L);
    private static final Satoshis DUST = new Satoshis(546);

    protected final MembershipRegistry registry;
    protected final MisbehaviourRecord misbehaviour;
    private final BitcoinRpcClient bitcoin;
    private final byte[] groupKey;
    private final Satoshis maxFee;

    private StakeSpendVerifier(MembershipRegistry registry, MisbehaviourRecord misbehaviour, BitcoinRpcClient bitcoin,
            byte[] compressedGroupKey, Satoshis maxFee) {
        this.registry = registry;
        this.misbehaviour = misbehaviour;
        this.bitcoin = bitcoin;
        this.groupKey = compressedGroupKey.clone();
        this.maxFee = maxFee;
    }

    @Override
    public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
        StakeSpendAction a = ActionVerifier.decodeOrRefuse(kind(), encodedAction,
                b -> StakeSpendAction.decode(kind(), b));
        Outpoint recorded = registry.lastRecordedStake(a.member())
                .orElseThrow(() -> refuse(a.member() + " never held a stake in the registry"));
        if (!recorded.equals(a.stake())) {
            throw refuse("outpoint " + a.stake() + " is not " + a.member() + "'s stake " + recorded);
        }
        JsonNode out = bitcoin.getTxOut(new io.synod.chain.bitcoin.Outpoint(new Txid(a.stake().displayTxid()),
                a.stake().vout()), false).orElseThrow(() -> new ActionRefused(kind(),
                        "stake " + a.stake() + " is not an unspent confirmed output on this member's node"));
        byte[] script = HexFormat.of().parseHex(out.path("scriptPubKey").path("hex").asText(""));
        if (!Arrays.equals(script, StakeVerifier.groupScript(groupKey))) {
            throw refuse("stake " + a.stake() + " does not pay the group key");
        }
        long value = out.path("value").decimalValue().multiply(SATS_PER_BTC).longValueExact();
        if (value != a.value().value()) {
            throw refuse("stake is worth " + value + " sat here, the action says " + a.value());
        }
        if (a.fee().compareTo(maxFee) > 0 || a.output().compareTo(DUST) < 0) {
            throw refuse("fee " + a.fee() + " above " + maxFee + " or output below dust");
        }
        checkKind(a);
        return SigningTarget.untweaked(StakeTransactions.sighash(a, groupKey));
    }

    protected abstract void checkKind(StakeSpendAction a) throws ActionRefused;

    /**
     * A departed member's stake back to the P2WPKH of its identity key: it asked to leave, the current epoch no
     * longer holds it, and it is neither confiscated on the registry nor convicted here.
     */
    public static final class Return extends StakeSpendVerifier {
        private final java.util.function.Function<String, Optional<byte[]>> identityKeys;

        public Return(MembershipRegistry registry, MisbehaviourRecord misbehaviour, BitcoinRpcClient bitcoin,
                byte[] compressedGroupKey, Satoshis maxFee,
                java.util.function.Function<String, Optional<byte[]>> identityKeys) {
            super(registry, misbehaviour, bitcoin, compressedGroupKey, maxFee);
            this.identityKeys = identityKeys;
        }

        @Override
        public ActionKind kind() {
            return ActionKind.STAKE_RETURN_INPUT;
        }

        @Override
        protected void checkKind(StakeSpendAction a) throws ActionRefused {
            if (registry.leaveRequestedIn(a.member()) == 0) {
                throw refuse(a.member() + " never asked to leave");
            }
            if (registry.epoch(registry.currentEpoch()).hasMember(a.member())) {
                throw refuse(a.member() + " is still a member: reshare without it first");
            }
            if (registry.confiscated(a.member()) || misbehaviour.isConvicted(a.member())) {
                throw refuse(a.member() + "'s stake is under confiscation");
            }
            byte[] key = identityKeys.apply(a.member())
                    .orElseThrow(() -> refuse("no identity key known for " + a.member()));
            if (!Arrays.equals(a.destination(), StakeTransactions.returnScript(key))) {
                throw refuse("does not pay the member's own identity key");
            }
        }
    }

    /** A convicted member's stake to the configured forfeiture output; only for a conviction this member holds. */
    public static final class Confiscation extends StakeSpendVerifier {
        private final byte[] forfeiture;

        public Confiscation(MembershipRegistry registry, MisbehaviourRecord misbehaviour, BitcoinRpcClient bitcoin,
                byte[] compressedGroupKey, Satoshis maxFee, byte[] forfeitureScript) {
            super(registry, misbehaviour, bitcoin, compressedGroupKey, maxFee);
            this.forfeiture = forfeitureScript.clone();
        }

        @Override
        public ActionKind kind() {
            return ActionKind.CONFISCATION_INPUT;
        }

        @Override
        protected void checkKind(StakeSpendAction a) throws ActionRefused {
            if (!misbehaviour.isConvicted(a.member())) {
                throw refuse(a.member() + " is not convicted by evidence this member verified");
            }
            if (!Arrays.equals(a.destination(), forfeiture)) {
                throw refuse("does not pay the configured forfeiture output");
            }
        }
    }
}
