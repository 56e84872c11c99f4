package io.synod.membership.application;

import java.util.ArrayList;
import java.util.List;

import io.synod.coordination.application.IdentityKeys;
import io.synod.coordination.application.reshare.ReshareResult;
import io.synod.coordination.application.reshare.ReshareSession;
import io.synod.membership.domain.FoundingMember;
import io.synod.threshold.evidence.InvalidShareEvidence;
import io.synod.threshold.message.SignatureVerifier;

/**
 * Takes what one member's resharing saw on the board to the member's own judgement, on the path signing evidence
 * takes ({@link MisbehaviourIntake}): every complaint of the session, as the signed dealing and complaint it rests on,
 * goes to the {@link MisbehaviourDesk}, which verifies it again from the board messages and identity keys alone.
 * Evidence that holds convicts the dealer and decides its exclusion (the next epoch's resharing leaves it out and the
 * group confiscates its stake); a complaint that convicts nobody records its author as a false accuser and changes
 * nothing for the accused. The book's natural keys make a replay (a node judging its finished session again after a
 * restart) change nothing.
 */
public final class ResharingIntake {
    private final MisbehaviourDesk desk;

    public ResharingIntake(MisbehaviourDesk desk) {
        this.desk = desk;
    }

    public MisbehaviourIntake.Taken take(ReshareResult result) {
        ReshareSession s = result.session();
        SignatureVerifier identities = IdentityKeys.verifier(s::participant);
        List<String> convicted = new ArrayList<>();
        List<String> accusers = new ArrayList<>();
        List<InvalidShareEvidence> all = new ArrayList<>(result.evidence());
        all.addAll(result.unfounded());
        for (InvalidShareEvidence e : all) {
            String culprit = s.participant(e.culprit()).map(FoundingMember::address).orElse("#" + e.culprit());
            boolean before = desk.record().isConvicted(culprit);
            int accuser = e.complaint().claimedSender();
            if (desk.judge(s.id(), accuser, e, identities, s::participant) == MisbehaviourDesk.Verdict.CONVICTED) {
                if (!before && !convicted.contains(culprit)) {
                    convicted.add(culprit);
                }
            } else {
                accusers.add(s.participant(accuser).map(FoundingMember::address).orElse("#" + accuser));
            }
        }
        return new MisbehaviourIntake.Taken(convicted, accusers, List.of());
    }
}
