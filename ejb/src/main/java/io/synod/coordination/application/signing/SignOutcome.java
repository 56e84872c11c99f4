package io.synod.coordination.application.signing;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.shared.domain.SessionId;

/**
 * Where one signing session stands at this member. {@code responders} approved the agreed target (for a heartbeat:
 * the members shown alive); {@code refusals} maps each member that refused or approved another target to its
 * reason; {@code culprits} are the members seen at fault when the session failed (silent approvers, proven-wrong
 * partials); {@code ownTarget} is what this member's own verifier produced (empty if it refused). A session is {@code settled} once every member has answered or the approval deadline has passed, so
 * its responder count no longer changes.
 */
public record SignOutcome(SessionId session, int proposer, ActionKind kind, Status status,
        Optional<GroupSignature> signature, Set<Integer> responders, Map<Integer, String> refusals,
        List<Integer> badPartials, List<Integer> culprits, String reason, boolean settled,
        Optional<SigningTarget> ownTarget) {

    public enum Status { RUNNING, SIGNED, FAILED }

    public SignOutcome {
        responders = Set.copyOf(responders);
        refusals = Map.copyOf(refusals);
        badPartials = List.copyOf(badPartials);
        culprits = List.copyOf(culprits);
    }
}
