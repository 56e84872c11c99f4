package io.synod.membership.application;

import java.time.Clock;
import java.util.Optional;
import java.util.function.IntFunction;

import io.synod.membership.domain.Conviction;
import io.synod.membership.domain.FalseAccusation;
import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.Exclusion;
import io.synod.membership.domain.ExclusionCause;
import io.synod.membership.domain.MembershipBook;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.evidence.Evidence;
import io.synod.threshold.message.SignatureVerifier;

/**
 * Where an accusation is judged at one member: the evidence is checked by this member itself, from public data and
 * identity keys only. Valid evidence convicts the culprit and decides its exclusion (the resharing flow takes it from
 * {@link MembershipBook#nextToLeaveOut}; the group then confiscates its stake); anything else changes nothing for
 * the accused and records the accuser.
 */
public final class MisbehaviourDesk {

    /** The outcome of one accusation at this member. */
    public enum Verdict { CONVICTED, FALSE_ACCUSATION }

    private final MembershipBook record;
    private final Clock clock;

    public MisbehaviourDesk(MembershipBook record, Clock clock) {
        this.record = record;
        this.clock = clock;
    }

    public MembershipBook record() {
        return record;
    }

    /**
     * Judges {@code evidence} brought by {@code accuser} against the member it names; {@code members} names the
     * participants of the session the evidence comes from (old and new members of a resharing alike).
     */
    public Verdict judge(SessionId session, int accuser, Evidence evidence, SignatureVerifier identities,
            IntFunction<Optional<FoundingMember>> members) {
        int culprit = evidence.culprit();
        boolean valid;
        try {
            valid = members.apply(culprit).isPresent() && evidence.verify(identities);
        } catch (RuntimeException e) {
            valid = false; // malformed evidence convicts nobody
        }
        if (valid) {
            String address = members.apply(culprit).orElseThrow().address();
            String kind = evidence.getClass().getSimpleName();
            record.convicted(new Conviction(address, culprit, session, kind, EvidenceBytes.of(evidence),
                    "verified by this member", clock.instant()));
            // A convicted member is left out of the next epoch (taken once: a second conviction changes nothing).
            record.exclude(new Exclusion(address, culprit, ExclusionCause.CONVICTED, kind + " in session " + session,
                    clock.instant()));
            return Verdict.CONVICTED;
        }
        unfounded(session, accuser, culprit, bytesOrNothing(evidence),
                evidence.getClass().getSimpleName() + " does not verify", members);
        return Verdict.FALSE_ACCUSATION;
    }

    /**
     * Records an accusation (e.g. a resharing complaint, {@code accusation} as posted) that convicted nobody; the
     * same accusation replayed after a restart is recorded once.
     */
    public void unfounded(SessionId session, int accuser, int accused, byte[] accusation, String reason,
            IntFunction<Optional<FoundingMember>> members) {
        String address = members.apply(accuser).map(FoundingMember::address).orElse("0x" + "0".repeat(40));
        record.falselyAccused(new FalseAccusation(address, accuser, accused, session, accusation, reason,
                clock.instant()));
    }

    private static byte[] bytesOrNothing(Evidence evidence) {
        try {
            return EvidenceBytes.of(evidence);
        } catch (RuntimeException e) {
            return new byte[0]; // malformed beyond encoding: the reason says what was wrong
        }
    }
}
