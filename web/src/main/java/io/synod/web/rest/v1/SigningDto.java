package io.synod.web.rest.v1;

import java.util.List;

import io.synod.coordination.application.SigningStatus;

/**
 * Wire form of the signing part of {@code GET /api/v1/group}: phase, the group's contracts once epoch 1 is
 * recorded, the registry's epoch (2 once the founders' stakes are recorded), the presignature pool, open sub-sessions, suspected members, and liveness (UNKNOWN, HEALTHY, ALERT
 * below 2t+1+margin responders, CRITICAL below 2t+1) with the last settled heartbeat. Absent values are null.
 */
public record SigningDto(String phase, ContractsDto contracts, long registryEpoch, int poolSize, int openSessions,
        int signingInProgress, List<Integer> suspected, String liveness, int quorum, int margin,
        HeartbeatDto lastHeartbeat, String detail) {

    /** The group's contracts on the sidechain. */
    public record ContractsDto(String registry, String token, String redemption, String board, String evidence) {
    }

    /** A settled heartbeat: the action, its digest, the group signature (r, s hex) and who answered in time. */
    public record HeartbeatDto(long epoch, long sequence, long boardBlock, String digest, String r, String s,
            List<Integer> responders, boolean signed) {
    }

    static SigningDto from(SigningStatus s) {
        return new SigningDto(s.phase().name(),
                s.contracts().map(c -> new ContractsDto(c.registry(), c.token(), c.redemption(), c.board(),
                        c.evidence())).orElse(null),
                s.registryEpoch(), s.poolSize(), s.openSessions(), s.signingInProgress(), s.suspected(),
                s.liveness(), s.quorum(), s.margin(),
                s.lastHeartbeat().map(h -> new HeartbeatDto(h.epoch(), h.sequence(), h.boardBlock(), h.digest(),
                        h.r().orElse(null), h.s().orElse(null), h.responders(), h.signed())).orElse(null),
                s.detail().orElse(null));
    }
}
