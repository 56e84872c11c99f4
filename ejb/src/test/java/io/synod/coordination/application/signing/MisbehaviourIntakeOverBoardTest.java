package io.synod.coordination.application.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.synod.coordination.application.BoardFrame;
import io.synod.coordination.application.IdentityKeys;
import io.synod.coordination.domain.BoardCursor;
import io.synod.coordination.domain.BoardEntry;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.membership.application.MisbehaviourDesk;
import io.synod.membership.application.MisbehaviourIntake;
import io.synod.membership.application.MissedDeadlineRule;
import io.synod.membership.domain.ExclusionCause;
import io.synod.membership.domain.MissedDeadlinePolicy;
import io.synod.membership.infrastructure.memory.InMemoryMembershipBook;
import io.synod.shared.domain.SessionId;

/**
 * What the server's misbehaviour node does with what each member's signing core saw on the real board (anvil): a
 * member armed with the drill posts wrong partial signatures, the evidence goes on the board, and every other member
 * convicts it from evidence it checked itself and decides its exclusion; a member that posts evidence against an
 * honest partial is recorded as a false accuser at every member and the accused is untouched; every settled session
 * is counted for missed deadlines.
 */
class MisbehaviourIntakeOverBoardTest {
    private record Judge(InMemoryMembershipBook book, MisbehaviourIntake intake) {
        static Judge fresh() {
            InMemoryMembershipBook book = new InMemoryMembershipBook();
            return new Judge(book, new MisbehaviourIntake(new MisbehaviourDesk(book, Clock.systemUTC()),
                    new MissedDeadlineRule(new MissedDeadlinePolicy(3), book, Clock.systemUTC())));
        }
    }

    @Test
    void aDrilledMemberIsConvictedEverywhereAndAFalseAccuserIsRecorded() throws Exception {
        try (SigningHarness h = new SigningHarness(4, 1, 10_000, SigningOverBoardTest::honest)) {
            SigningDrill.badPartialSignatures(h.member(2));
            h.drive(i -> i != 1);
            BoardGroupSigning port = new BoardGroupSigning(h.member(1), Duration.ofMillis(25));
            h.drive(i -> i == 1);
            GroupSignature sig = port.sign(SigningOverBoardTest.action(1), SigningOverBoardTest.TIMEOUT);
            assertThat(sig.verifiesUnder(port.groupPublicKey())).as("the three honest members sign").isTrue();
            for (int m : List.of(1, 3, 4)) {
                SigningOverBoardTest.await(() -> !h.member(m).faults().isEmpty(),
                        "member " + m + " to check the evidence on the board");
            }
            String culprit = h.members.member(2).address();
            Map<Integer, Judge> judges = new TreeMap<>();
            for (int m : List.of(1, 3, 4)) {
                Judge j = Judge.fresh();
                judges.put(m, j);
                MisbehaviourIntake.Taken t = j.intake().take(SigningEvents.of(1, h.member(m)));
                assertThat(t.convicted()).as("member %d", m).containsExactly(culprit);
                assertThat(j.book().convictions()).singleElement().satisfies(c -> {
                    assertThat(c.culprit()).isEqualTo(culprit);
                    assertThat(c.culpritIndex()).isEqualTo(2);
                    assertThat(c.evidenceKind()).isEqualTo("InvalidPartialEvidence");
                });
                assertThat(j.book().nextToLeaveOut(h.members.asMemberSet())).hasValueSatisfying(x -> {
                    assertThat(x.index()).isEqualTo(2);
                    assertThat(x.cause()).isEqualTo(ExclusionCause.CONVICTED);
                });
                assertThat(j.intake().take(SigningEvents.of(1, h.member(m))).convicted())
                        .as("taken once").isEmpty();
            }

            // Member 3 accuses honest member 1, citing member 1's partial exactly as posted.
            SessionId session = h.member(1).outcomes().get(0).session();
            BoardEntry partialOfOne = h.boards.get(3).read(session, new BoardCursor(0)).entries().stream()
                    .filter(e -> e.sender().equals(h.members.member(1).address()) && BoardFrame.decode(e.payload())
                            .filter(f -> f instanceof BoardFrame.Envelope).isPresent())
                    .findFirst().orElseThrow();
            BoardFrame.Envelope env = (BoardFrame.Envelope) BoardFrame.decode(partialOfOne.payload()).orElseThrow();
            SigningFrame.PartialEvidence bogus = SigningFrame.PartialEvidence.create(session, 3, 1,
                    partialOfOne.sequence(), env.encode(),
                    IdentityKeys.softwareSigner(h.identities.get(3).getPrivateKey()));
            h.boards.get(3).post(session, 3, bogus.encode());
            for (int m : List.of(1, 4)) {
                SigningOverBoardTest.await(() -> !h.member(m).unfoundedAccusations().isEmpty(),
                        "member " + m + " to reject the accusation");
                Judge j = judges.get(m);
                MisbehaviourIntake.Taken t = j.intake().take(SigningEvents.of(1, h.member(m)));
                assertThat(t.falseAccusers()).containsExactly(h.members.member(3).address());
                assertThat(t.convicted()).isEmpty();
                assertThat(j.book().falseAccusations()).singleElement().satisfies(f -> {
                    assertThat(f.accuserIndex()).isEqualTo(3);
                    assertThat(f.accused()).isEqualTo(1);
                    assertThat(f.accusation()).isEqualTo(bogus.encode());
                });
                assertThat(j.book().isConvicted(h.members.member(1).address())).isFalse();
                assertThat(j.book().exclusionOf(h.members.member(1).address())).isEmpty();
                // Every member answered the session in time: each is counted with no miss.
                assertThat(j.book().tallies()).hasSize(4).allSatisfy(x -> assertThat(x.missedInARow()).isZero());
            }
            assertThat(h.failures).isEmpty();
        }
    }

    @Test
    void aMemberWhoseProductShareFailsItsProofsIsConvictedFromThePresigningLog() throws Exception {
        try (SigningHarness h = new SigningHarness(4, 1, 10_000, SigningOverBoardTest::honest)) {
            h.member(3).interceptOutbound(m -> {
                if (m instanceof io.synod.threshold.message.PresignProduct p) {
                    List<java.math.BigInteger> mu = new java.util.ArrayList<>(p.mu());
                    mu.set(0, mu.get(0).add(java.math.BigInteger.ONE).mod(io.synod.threshold.math.Secp256k1.N));
                    return new io.synod.threshold.message.PresignProduct(p.header(), mu, p.muProofs(), p.q(),
                            p.qProofs());
                }
                return m;
            });
            h.drive(i -> true);
            String culprit = h.members.member(3).address();
            for (int m : List.of(1, 2, 4)) {
                SigningOverBoardTest.await(() -> !h.member(m).evidence().isEmpty(),
                        "member " + m + " to find the bad product share in the presigning log");
                Judge j = Judge.fresh();
                assertThat(j.intake().take(SigningEvents.of(1, h.member(m))).convicted()).as("member %d", m)
                        .containsExactly(culprit);
                assertThat(j.book().convictions()).singleElement()
                        .satisfies(c -> assertThat(c.evidenceKind()).isEqualTo("InvalidProductEvidence"));
                assertThat(j.book().exclusionOf(culprit)).isPresent();
            }
        }
    }

    @Test
    void aMemberThatSignsTwoDifferentPartialsForOneSlotIsConvictedOfEquivocation() throws Exception {
        try (SigningHarness h = new SigningHarness(4, 1, 10_000, SigningOverBoardTest::honest)) {
            java.util.concurrent.atomic.AtomicReference<io.synod.threshold.message.PartialSignatureMessage> sent =
                    new java.util.concurrent.atomic.AtomicReference<>();
            h.member(2).interceptOutbound(m -> {
                if (m instanceof io.synod.threshold.message.PartialSignatureMessage p) {
                    sent.compareAndSet(null, p);
                }
                return m;
            });
            h.drive(i -> i != 1);
            BoardGroupSigning port = new BoardGroupSigning(h.member(1), Duration.ofMillis(25));
            h.drive(i -> i == 1);
            port.sign(SigningOverBoardTest.action(3), SigningOverBoardTest.TIMEOUT);
            SigningOverBoardTest.await(() -> sent.get() != null, "member 2's partial");
            // Member 2 signs and posts a second, different partial for the same slot.
            io.synod.threshold.message.PartialSignatureMessage p = sent.get();
            io.synod.threshold.message.PartialSignatureMessage other = new io.synod.threshold.message
                    .PartialSignatureMessage(p.header(), p.presignatureId(),
                    p.s().add(java.math.BigInteger.TWO).mod(io.synod.threshold.math.Secp256k1.N));
            SessionId session = new SessionId(p.header().sessionId());
            h.boards.get(2).post(session, p.header().round(), new BoardFrame.Envelope(
                    io.synod.threshold.message.SignedEnvelope.sign(other,
                            IdentityKeys.softwareSigner(h.identities.get(2).getPrivateKey()))).encode());
            String culprit = h.members.member(2).address();
            for (int m : List.of(1, 3, 4)) {
                SigningOverBoardTest.await(() -> !h.member(m).evidence().isEmpty(), "member " + m
                        + " to see the second partial");
                Judge j = Judge.fresh();
                assertThat(j.intake().take(SigningEvents.of(1, h.member(m))).convicted()).containsExactly(culprit);
                assertThat(j.book().convictions()).singleElement()
                        .satisfies(c -> assertThat(c.evidenceKind()).isEqualTo("EquivocationEvidence"));
            }
        }
    }
}
