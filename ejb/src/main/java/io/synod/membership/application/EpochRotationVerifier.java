package io.synod.membership.application;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.membership.domain.EpochRecord;
import io.synod.membership.domain.MemberSet;
import io.synod.membership.domain.MembershipRegistry;
import io.synod.shared.domain.Outpoint;

/**
 * A member signs the next epoch only as its own resharing produced it: the epoch number follows the registry's
 * current one, the group key is the current key (resharing never changes it, so neither does the Bitcoin address),
 * members and t are those this member's own completed resharing ended with, each staying member keeps its recorded
 * stake and each newcomer brings a stake this member verified on Bitcoin itself.
 */
public final class EpochRotationVerifier implements ActionVerifier {
    private record Expected(List<String> members, int t) {
    }

    private final MembershipRegistry registry;
    private final Map<Long, Expected> expected = new ConcurrentHashMap<>();
    private final Set<Outpoint> verifiedStakes = ConcurrentHashMap.newKeySet();

    public EpochRotationVerifier(MembershipRegistry registry) {
        this.registry = registry;
    }

    /** Called when this member's resharing into {@code epoch} completed with {@code members}. */
    public void expect(long epoch, MemberSet members) {
        expected.put(epoch, new Expected(members.addresses(), members.t()));
    }

    /** Called when this member's {@link StakeVerifier} accepted a newcomer's stake. */
    public void stakeVerified(Outpoint stake) {
        verifiedStakes.add(stake);
    }

    @Override
    public ActionKind kind() {
        return ActionKind.EPOCH_ROTATION;
    }

    @Override
    public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
        EpochRotationAction a = ActionVerifier.decodeOrRefuse(kind(), encodedAction, EpochRotationAction::decode);
        if (!a.registry().equals(registry.address())) {
            throw refuse("for registry " + a.registry() + ", not this group's");
        }
        EpochRecord current = registry.epoch(registry.currentEpoch());
        EpochRecord next = a.next();
        if (next.epoch() != current.epoch() + 1) {
            throw refuse("epoch " + next.epoch() + " does not follow " + current.epoch());
        }
        if (!Arrays.equals(next.groupPublicKey(), current.groupPublicKey())) {
            throw refuse("changes the group key (and so the Bitcoin address)");
        }
        Expected own = expected.get(next.epoch());
        if (own == null) {
            throw refuse("this member has not completed a resharing into epoch " + next.epoch());
        }
        if (!own.members().equals(next.members()) || own.t() != next.threshold()) {
            throw refuse("members or t differ from this member's own resharing result");
        }
        for (String m : next.members()) {
            Outpoint s = next.stakeOf(m);
            boolean ok = current.hasMember(m) ? current.stakeOf(m).equals(s) : verifiedStakes.contains(s);
            if (!ok) {
                throw refuse("stake " + s + " of " + m + " is not recorded or not verified here");
            }
        }
        return SigningTarget.untweaked(registry.epochDigest(next));
    }
}
