package io.synod.membership.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.synod.shared.domain.Outpoint;

/**
 * Which outpoints a candidate may not name as its stake: every stake an epoch recorded, not only the current
 * epoch's. A member that left keeps its stake at the group's address until its return is signed; a candidate
 * admitted on that outpoint could have it "returned" to itself first.
 */
class StakesInUseTest {

    private static final String LEAVER = "0x" + "a1".repeat(20);
    private static final String STAYER = "0x" + "b2".repeat(20);

    @Test
    void aDepartedMembersStakeStaysInUseUntilItIsGivenBack() {
        Outpoint leaver = Outpoint.parse("aa".repeat(32) + ":0");
        Outpoint stayer = Outpoint.parse("bb".repeat(32) + ":1");
        Epochs registry = new Epochs(List.of(
                new EpochRecord(1, new byte[64], 1, List.of(LEAVER, STAYER), List.of(leaver, stayer)),
                new EpochRecord(2, new byte[64], 1, List.of(STAYER), List.of(stayer))));

        assertThat(registry.stakesInUseBesides("0x" + "c3".repeat(20))).containsExactlyInAnyOrder(leaver, stayer);
    }

    /** Two epochs and no candidacy; nothing else is read by the default method under test. */
    private record Epochs(List<EpochRecord> epochs) implements MembershipRegistry {
        @Override public String address() { throw new UnsupportedOperationException(); }
        @Override public long currentEpoch() { return epochs.size(); }
        @Override public EpochRecord epoch(long epoch) { return epochs.get((int) epoch - 1); }
        @Override public int memberIndex(String member) { throw new UnsupportedOperationException(); }
        @Override public int nextIndex() { throw new UnsupportedOperationException(); }
        @Override public long leaveRequestedIn(String member) { throw new UnsupportedOperationException(); }
        @Override public boolean confiscated(String member) { throw new UnsupportedOperationException(); }
        @Override public Optional<Candidacy> candidacy(String c) { throw new UnsupportedOperationException(); }
        @Override public List<Candidacy> openCandidacies() { return List.of(); }
        @Override public byte[] candidacyDigest(Candidacy c) { throw new UnsupportedOperationException(); }
        @Override public byte[] epochDigest(EpochRecord next) { throw new UnsupportedOperationException(); }
        @Override public void registerCandidate(Candidacy c, byte[] s) { throw new UnsupportedOperationException(); }
        @Override public void requestLeave() { throw new UnsupportedOperationException(); }
        @Override public void rotate(EpochRecord next, byte[] s) { throw new UnsupportedOperationException(); }
        @Override public byte[] confiscationDigest(ConfiscationRecord r) { throw new UnsupportedOperationException(); }
        @Override public void recordConfiscation(ConfiscationRecord r, byte[] s) {
            throw new UnsupportedOperationException();
        }
        @Override public Optional<ConfiscationRecord> confiscationRecord(String m) {
            throw new UnsupportedOperationException();
        }
    }
}
