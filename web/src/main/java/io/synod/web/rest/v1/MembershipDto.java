package io.synod.web.rest.v1;

import java.util.List;

import io.synod.coordination.application.MembershipStatus;

/**
 * Wire form of {@code GET /api/v1/group/membership}: this node's role in the registry's current epoch, the
 * resharing that closes the epoch as this node follows it, the stakes it refused (typed reason and figures), the
 * exclusions its book decided and the stake returns it saw through. Absent values are null.
 */
public record MembershipDto(String role, long registryEpoch, ResharingDto resharing, List<RefusalDto> refusals,
        List<String> exclusions, List<String> stakeReturns, String detail) {

    /** The resharing of the epoch: kind, subject, session, start block, stage here, whether this node takes part. */
    public record ResharingDto(String kind, String subject, String sessionId, long startBlock, String stage,
            boolean participating, String detail) {
    }

    /** A refused stake. */
    public record RefusalDto(String candidate, String stake, String reason, String detail) {
    }

    static MembershipDto from(MembershipStatus s) {
        return new MembershipDto(s.role().name(), s.registryEpoch(),
                s.resharing().map(r -> new ResharingDto(r.kind(), r.subject(), r.sessionId(), r.startBlock(),
                        r.stage(), r.participating(), r.detail().orElse(null))).orElse(null),
                s.refusals().stream().map(r -> new RefusalDto(r.candidate(), r.stake(), r.reason(), r.detail()))
                        .toList(), s.exclusions(), s.stakeReturns(), s.detail().orElse(null));
    }
}
