package io.synod.membership.domain;

/**
 * The degree t' a new epoch of n' members is reshared to: the largest t' with n' ≥ 2t' + 1 + spare, at least 1.
 * The spare members are what lets the group exclude a culprit later: resharing needs 2t+1 honest dealers of the
 * old epoch, so with one spare the group can still reshare without a convicted member.
 */
public record ThresholdPolicy(int spare) {
    public static final ThresholdPolicy ONE_SPARE = new ThresholdPolicy(1);

    public ThresholdPolicy {
        if (spare < 0) {
            throw new IllegalArgumentException("spare must not be negative");
        }
    }

    public int degreeFor(int members) {
        if (members < 3) {
            throw new IllegalArgumentException("a group needs at least 3 members (n >= 2t+1 with t >= 1)");
        }
        return Math.max(1, (members - 1 - spare) / 2);
    }
}
