package io.synod.membership.domain;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.synod.shared.domain.Outpoint;

/**
 * The sidechain registry as membership reads and writes it: epochs, permanent member indices, candidacies, leave
 * requests and confiscations. Writes are authorised on chain (identity signature, the member's own account, the
 * group signature); this port only carries them.
 */
public interface MembershipRegistry {

    String address();

    long currentEpoch();

    EpochRecord epoch(long epoch);

    /** The member's permanent index, 0 if it never was a member. */
    int memberIndex(String member);

    /** The index the next admitted member will get. */
    int nextIndex();

    /** The epoch in which the member asked to leave, 0 if it never asked. */
    long leaveRequestedIn(String member);

    boolean confiscated(String member);

    Optional<Candidacy> candidacy(String candidate);

    /** Candidates registered and not yet admitted, in registration order. */
    List<Candidacy> openCandidacies();

    /** The EIP-712 digest a candidate signs with its identity key to register. */
    byte[] candidacyDigest(Candidacy candidacy);

    /** The EIP-712 digest the current group signs to start {@code next}. */
    byte[] epochDigest(EpochRecord next);

    void registerCandidate(Candidacy candidacy, byte[] identitySignature);

    /** Sent from the leaving member's own account. */
    void requestLeave();

    void rotate(EpochRecord next, byte[] groupSignature);

    /** The EIP-712 digest the current group signs to record a confiscation (bound to {@code record.epoch()}). */
    byte[] confiscationDigest(ConfiscationRecord record);

    /** Sends the group-signed confiscation record; the registry then holds the member confiscated. */
    void recordConfiscation(ConfiscationRecord record, byte[] groupSignature);

    /** The confiscation the registry recorded for {@code member}, if any. */
    Optional<ConfiscationRecord> confiscationRecord(String member);

    /** The member's stake in the last epoch it belonged to (newest first); empty if it never was a member. */
    default Optional<Outpoint> lastRecordedStake(String member) {
        for (long e = currentEpoch(); e >= 1; e--) {
            EpochRecord r = epoch(e);
            if (r.hasMember(member)) {
                return Optional.of(r.stakeOf(member));
            }
        }
        return Optional.empty();
    }

    /**
     * Stakes already named by someone other than {@code candidate}: every stake an epoch ever recorded and the open
     * candidates'. Past epochs count too: a departed member's stake waits at the group's address until its return or
     * confiscation is signed, and a candidate naming it would be admitted on someone else's coins.
     */
    default Set<Outpoint> stakesInUseBesides(String candidate) {
        Set<Outpoint> out = new HashSet<>();
        for (long e = 1; e <= currentEpoch(); e++) {
            out.addAll(epoch(e).stakes());
        }
        openCandidacies().stream().filter(c -> !c.address().equalsIgnoreCase(candidate))
                .forEach(c -> out.add(c.stake()));
        return out;
    }
}
