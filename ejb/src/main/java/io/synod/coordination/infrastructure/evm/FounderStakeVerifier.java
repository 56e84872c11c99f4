package io.synod.coordination.infrastructure.evm;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.membership.application.EpochRotationAction;
import io.synod.membership.application.StakeVerifier;
import io.synod.membership.domain.EpochRecord;
import io.synod.membership.domain.FoundingSet;
import io.synod.membership.domain.StakePolicy;
import io.synod.membership.domain.StakeRefusal;
import io.synod.membership.domain.StakeRefusals;
import io.synod.membership.domain.StakeVerdict;
import io.synod.membership.infrastructure.evm.EvmMembershipRegistry;
import io.synod.shared.domain.Outpoint;

/**
 * A founder's check of the rotation that records the founders' stakes (epoch 1 → 2, docs/protocol.md "Epoch 1 and
 * the founders' stake"): the registry is the one this member recorded, at epoch 1, with its pending-stake markers;
 * epoch 2 keeps the group key, t and the founders exactly; its stakes are the outpoints the founders announced
 * ({@code expected}), and each one pays at least the minimum to the group's address, unspent and confirmed, on this
 * member's own Bitcoin node ({@link StakeVerifier}). The digest is the registry's own EIP-712 epoch digest.
 */
public final class FounderStakeVerifier implements ActionVerifier {
    private final Supplier<Optional<EvmMembershipRegistry>> registry;
    private final byte[] groupKey64;
    private final FoundingSet founders;
    private final List<Outpoint> pending;
    private final Supplier<Optional<List<Outpoint>>> expected;
    private final StakeVerifier stakes;

    public FounderStakeVerifier(Supplier<Optional<EvmMembershipRegistry>> registry, byte[] groupKey64,
            byte[] compressedGroupKey, FoundingSet founders, byte[] groupId,
            Supplier<Optional<List<Outpoint>>> expected, BitcoinRpcClient bitcoin, StakePolicy policy) {
        this.registry = registry;
        this.groupKey64 = groupKey64.clone();
        this.founders = founders;
        this.pending = EvmGenesisRecorder.pendingStakes(groupId, founders).stream()
                .map(o -> Outpoint.parse(o.txid().hex() + ":" + o.vout())).toList();
        this.expected = expected;
        this.stakes = new StakeVerifier(bitcoin, compressedGroupKey, policy, new NoRefusalBook(), Clock.systemUTC());
    }

    @Override
    public ActionKind kind() {
        return ActionKind.EPOCH_ROTATION;
    }

    @Override
    public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
        EpochRotationAction a = ActionVerifier.decodeOrRefuse(kind(), encodedAction, EpochRotationAction::decode);
        EvmMembershipRegistry r = registry.get().orElseThrow(() -> refuse("epoch 1 is not recorded here yet"));
        if (!a.registry().equals(r.address())) {
            throw refuse("for registry " + a.registry() + ", not this group's " + r.address());
        }
        EpochRecord next = a.next();
        if (r.currentEpoch() != 1 || next.epoch() != 2) {
            throw refuse("records the founders' stakes only from epoch 1 to 2 (registry at " + r.currentEpoch()
                    + ", action names " + next.epoch() + ")");
        }
        EpochRecord one = r.epoch(1);
        if (!one.stakes().equals(pending)) {
            throw refuse("epoch 1 does not hold this group's pending-stake markers");
        }
        if (!Arrays.equals(next.groupPublicKey(), groupKey64) || next.threshold() != founders.t()
                || !next.members().equals(founders.addresses())) {
            throw refuse("changes the group key, t or the founders");
        }
        List<Outpoint> announced = expected.get().orElseThrow(() -> refuse("no founder stakes announced here"));
        if (!next.stakes().equals(announced)) {
            throw refuse("stakes differ from the founders' announced payments");
        }
        for (int k = 0; k < announced.size(); k++) {
            StakeVerdict v = stakes.verify(next.members().get(k), announced.get(k), Set.of());
            if (v instanceof StakeVerdict.Refused f) {
                throw refuse("founder " + next.members().get(k) + "'s stake " + announced.get(k) + ": "
                        + f.refusal().reason() + " (" + f.refusal().detail() + ")");
            }
        }
        return SigningTarget.untweaked(r.epochDigest(next));
    }

    /** Refusals are reported through the signing session (the approval's reason), not kept in a book here. */
    private static final class NoRefusalBook implements StakeRefusals {
        @Override
        public boolean record(StakeRefusal refusal) {
            return true;
        }

        @Override
        public List<StakeRefusal> list() {
            return List.of();
        }
    }
}
