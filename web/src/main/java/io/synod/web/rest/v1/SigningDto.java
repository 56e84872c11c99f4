package io.synod.web.rest.v1;

import java.util.List;

import io.synod.coordination.application.SigningStatus;

/**
 * Wire form of the signing part of {@code GET /api/v1/group}: phase, the group's contracts once epoch 1 is
 * recorded, the registry's epoch (2 once the founders' stakes are recorded), the presignature pool, open
 * sub-sessions, payout-kind proposals held back (fewer than {@code payoutQuorum} members unsuspected), suspected
 * members, and liveness (UNKNOWN, HEALTHY, ALERT below 2t+1+margin responders, PAYOUTS_STALLED below the payout
 * approval quorum, CRITICAL below 2t+1) with the last settled heartbeat; {@code quorum} is 2t+1 (to sign),
 * {@code payoutQuorum} q = max(2t+1, ⌊(n+t)/2⌋+1) (approvals a payout, refund, stake return or confiscation needs).
 * Absent values are null.
 */
public record SigningDto(String phase, ContractsDto contracts, long registryEpoch, int poolSize, int openSessions,
        int signingInProgress, int payoutsHeld, List<Integer> suspected, String liveness, int quorum,
        int payoutQuorum, int margin, HeartbeatDto lastHeartbeat, String detail) {

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
                s.registryEpoch(), s.poolSize(), s.openSessions(), s.signingInProgress(), s.payoutsHeld(),
                s.suspected(), s.liveness(), s.quorum(), s.payoutQuorum(), s.margin(),
                s.lastHeartbeat().map(h -> new HeartbeatDto(h.epoch(), h.sequence(), h.boardBlock(), h.digest(),
                        h.r().orElse(null), h.s().orElse(null), h.responders(), h.signed())).orElse(null),
                s.detail().orElse(null));
    }
}
