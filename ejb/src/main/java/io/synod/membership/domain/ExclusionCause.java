package io.synod.membership.domain;

/** Why a member is reshared out of the group without having asked to leave. */
public enum ExclusionCause {
    /** Evidence of misbehaviour that this member verified convicted it. */
    CONVICTED,
    /** It missed the configured number of board deadlines in a row. */
    MISSED_DEADLINES
}
