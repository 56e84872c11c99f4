package io.synod.membership.application;

import java.util.ArrayList;
import java.util.List;

import io.synod.coordination.application.IdentityKeys;
import io.synod.coordination.application.reshare.ReshareResult;
import io.synod.coordination.application.reshare.ReshareSession;
import io.synod.membership.domain.FoundingMember;
import io.synod.threshold.evidence.InvalidShareEvidence;
import io.synod.threshold.evidence.WrongConstantEvidence;
import io.synod.threshold.message.SignatureVerifier;

/**
 * Takes what one member's resharing saw on the board to the member's own judgement, on the path signing evidence
 * takes ({@link MisbehaviourIntake}): every complaint of the session, as the signed dealing and complaint it rests on,
 * goes to the {@link MisbehaviourDesk}, which verifies it again from the board messages and identity keys alone;
 * so does every dealing whose constant commitment is not its dealer's public share in the old epoch (no complaint
 * needed: the signed dealing and the old epoch's commitments prove it).
 * Evidence that holds convicts the dealer and decides its exclusion (the next epoch's resharing leaves it out and the
 * group confiscates its stake); a complaint that convicts nobody records its author as a false accuser and changes
 * nothing for the accused. The book's natural keys make a replay (a node judging its finished session again after a
 * restart) change nothing.
 */
public final class ResharingIntake {
    /** The accuser of evidence that rests on public data alone (no member index is 0). */
    static final int PUBLIC_DATA = 0;

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
        for (WrongConstantEvidence e : result.wrongConstants()) {
            // Public data convicts here, not anybody's accusation; the old public share in the evidence must be the
            // one this member's own copy of the old epoch gives, or the record would prove nothing about this group.
            if (!s.oldGroup().publicShare(e.culprit()).equals(e.oldPublicShare())) {
                continue;
            }
            String culprit = s.participant(e.culprit()).map(FoundingMember::address).orElse("#" + e.culprit());
            boolean before = desk.record().isConvicted(culprit);
            if (desk.judge(s.id(), PUBLIC_DATA, e, identities, s::participant) == MisbehaviourDesk.Verdict.CONVICTED
                    && !before && !convicted.contains(culprit)) {
                convicted.add(culprit);
            }
        }
        return new MisbehaviourIntake.Taken(convicted, accusers, List.of());
    }
}
