package io.synod.membership.domain;

/** Life cycle of a member; only ACTIVE members hold a key share of the current epoch. */
public enum MemberStatus {
    CANDIDATE, ACTIVE, LEAVING, LEFT, EXCLUDED, REFUSED
}
