package io.synod.coordination.application.reshare;

import java.util.Locale;

import io.synod.membership.domain.Candidacy;
import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.MemberSet;
import io.synod.membership.domain.ThresholdPolicy;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.reshare.ReshareConfig;
import io.synod.threshold.sharing.IndexSet;

/**
 * One resharing as every participant configures it from the registry: the epoch it starts from, the old members
 * and their public sharing (Feldman commitments, whose constant term is the group key), the dealers, the new
 * members with their degree t', the board block the session starts at and the round length in blocks. Round 1
 * (dealings) closes when every dealer posted "round done" or at {@code startBlock + roundBlocks}; round 2
 * (complaints) when every new member did or at {@code startBlock + 2·roundBlocks}. The session id binds the
 * registry, the epoch, the kind and its subject, so every member derives the same id and no message of another
 * resharing (or another epoch) opens in this one.
 */
public record ReshareSession(SessionId id, ReshareKind kind, long fromEpoch, MemberSet oldMembers, GroupKey oldGroup,
        IndexSet dealers, MemberSet newMembers, long startBlock, long roundBlocks) {

    public ReshareSession {
        if (fromEpoch < 1 || startBlock < 0 || roundBlocks < 1) {
            throw new IllegalArgumentException("epoch >= 1, start block >= 0 and round length >= 1 block");
        }
        if (!oldGroup.members().equals(oldMembers.indices()) || oldGroup.threshold() != oldMembers.t()) {
            throw new IllegalArgumentException("the old sharing's members or degree differ from the old member set");
        }
        for (int d : dealers.indices()) {
            if (!oldMembers.contains(d)) {
                throw new IllegalArgumentException("dealer " + d + " is not an old member");
            }
        }
        // Fails early with the core's reason (fewer than 2t+1 dealers, n' < 2t'+1).
        new ReshareConfig(id.bytes(), oldGroup, dealers, newMembers.indices(), newMembers.t());
    }

    public ReshareConfig config() {
        return new ReshareConfig(id.bytes(), oldGroup, dealers, newMembers.indices(), newMembers.t());
    }

    public long deadline(int round) {
        return startBlock + round * roundBlocks;
    }

    /** Old or new member by index (indices are permanent, so one lookup serves both). */
    public java.util.Optional<FoundingMember> participant(int index) {
        return oldMembers.byIndex(index).or(() -> newMembers.byIndex(index));
    }

    public boolean isDealer(int index) {
        return dealers.contains(index);
    }

    public boolean isReceiver(int index) {
        return newMembers.contains(index);
    }

    /** H(registry, epoch, kind, subject): the same at every member, fresh per epoch. */
    public static SessionId sessionId(String registry, long fromEpoch, ReshareKind kind, String subject) {
        return new SessionId(Hashing.hash("SYNOD/reshare/session/v1", utf8(registry.toLowerCase(Locale.ROOT)),
                java.nio.ByteBuffer.allocate(8).putLong(fromEpoch).array(), utf8(kind.name()),
                utf8(subject.toLowerCase(Locale.ROOT))));
    }

    /**
     * The same resharing opened again as attempt {@code n} ({@link ReshareAttempts}): attempt 1 is this session, a
     * later one gets a fresh id (so fresh checkpoints, and no message of an abandoned attempt counts in it).
     */
    public ReshareSession attempt(int n) {
        return new ReshareSession(attemptId(id, n), kind, fromEpoch, oldMembers, oldGroup, dealers, newMembers,
                startBlock, roundBlocks);
    }

    /** The id of attempt {@code n} of the session first opened as {@code first}. */
    public static SessionId attemptId(SessionId first, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        return n == 1 ? first : new SessionId(Hashing.hash("SYNOD/reshare/attempt/v1", first.bytes(),
                java.nio.ByteBuffer.allocate(4).putInt(n).array()));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Admits {@code candidate} under {@code newIndex} (the registry's next index). */
    public static ReshareSession join(String registry, long fromEpoch, MemberSet old, GroupKey oldGroup,
            Candidacy candidate, int newIndex, ThresholdPolicy policy, long startBlock, long roundBlocks) {
        MemberSet next = old.with(candidate.asMember(newIndex), policy.degreeFor(old.size() + 1));
        return new ReshareSession(sessionId(registry, fromEpoch, ReshareKind.JOIN, candidate.address()),
                ReshareKind.JOIN, fromEpoch, old, oldGroup, old.indices(), next, startBlock, roundBlocks);
    }

    /** Reshares without {@code leaver}, which still deals. */
    public static ReshareSession leave(String registry, long fromEpoch, MemberSet old, GroupKey oldGroup, int leaver,
            ThresholdPolicy policy, long startBlock, long roundBlocks) {
        MemberSet next = old.without(leaver, policy.degreeFor(old.size() - 1));
        return new ReshareSession(sessionId(registry, fromEpoch, ReshareKind.LEAVE, old.member(leaver).address()),
                ReshareKind.LEAVE, fromEpoch, old, oldGroup, old.indices(), next, startBlock, roundBlocks);
    }

    /** Reshares without the convicted {@code culprit}, which neither deals nor receives. */
    public static ReshareSession exclusion(String registry, long fromEpoch, MemberSet old, GroupKey oldGroup,
            int culprit, ThresholdPolicy policy, long startBlock, long roundBlocks) {
        MemberSet next = old.without(culprit, policy.degreeFor(old.size() - 1));
        return new ReshareSession(sessionId(registry, fromEpoch, ReshareKind.EXCLUSION, old.member(culprit).address()),
                ReshareKind.EXCLUSION, fromEpoch, old, oldGroup, next.indices(), next, startBlock, roundBlocks);
    }
}
