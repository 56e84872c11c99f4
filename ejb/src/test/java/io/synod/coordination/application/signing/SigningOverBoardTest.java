package io.synod.coordination.application.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.bitcoinj.crypto.ECKey;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

import io.synod.coordination.application.IdentityKeys;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.ApprovalQuorum;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigningContract;
import io.synod.coordination.domain.signing.HeartbeatAction;
import io.synod.coordination.domain.signing.HeartbeatVerifier;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.PartialSignatureMessage;

/**
 * Group signing over the real MessageBoard contract on anvil, four members (t = 1) in one JVM, each with its own
 * coordinator and thread; all they share is the board.
 */
class SigningOverBoardTest {
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int N = 4;
    private static final int T = 1;

    static ActionVerifiers honest(int member) {
        return ActionVerifiers.of(GroupSigningContract.digesting("honest", BigInteger.ZERO));
    }

    static GroupSigningContract.ContractAction action(int tag) {
        byte[] p = new byte[48];
        SigningHarness.RNG.nextBytes(p);
        p[0] = (byte) tag;
        return new GroupSigningContract.ContractAction(p);
    }

    static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(25);
        }
    }

    private static void assertEcrecoverGivesGroupAddress(GroupSignature sig, byte[] groupKey) {
        byte[] eth = sig.ethereum();
        Sign.SignatureData data = new Sign.SignatureData(eth[64], java.util.Arrays.copyOfRange(eth, 0, 32),
                java.util.Arrays.copyOfRange(eth, 32, 64));
        try {
            BigInteger recovered = Sign.signedMessageHashToKey(sig.target().digest(), data);
            byte[] full = ECKey.fromPublicOnly(groupKey).decompress().getPubKey();
            assertThat(Keys.getAddress(recovered))
                    .isEqualTo(Keys.getAddress(new BigInteger(1, java.util.Arrays.copyOfRange(full, 1, 65))));
        } catch (java.security.SignatureException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void fourMembersSignAndTheSignatureVerifiesWithBitcoinjAndEcrecover() throws Exception {
        try (SigningHarness h = new SigningHarness(N, T, 10_000, SigningOverBoardTest::honest)) {
            h.drive(i -> i != 1);
            BoardGroupSigning port = new BoardGroupSigning(h.member(1), Duration.ofMillis(25));
            long t0 = System.nanoTime();
            GroupSigningContract.ContractAction a = action(1);
            GroupSignature sig;
            try {
                sig = port.sign(a, Duration.ofSeconds(40));
            } catch (SigningFailed f) {
                throw new AssertionError(f.getMessage() + h.describe(), f);
            }
            long firstMs = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            GroupSignature second = port.sign(action(2), TIMEOUT);
            long pooledMs = (System.nanoTime() - t0) / 1_000_000;
            System.out.printf("board signing, 4 members: first %d ms (includes presigning), from pool %d ms%n",
                    firstMs, pooledMs);

            byte[] digest = GroupSigningContract.honestDigest(a.encode(), "honest");
            assertThat(sig.target().digest()).isEqualTo(digest);
            assertThat(ECKey.verify(digest, new ECKey.ECDSASignature(sig.r(), sig.s()), port.groupPublicKey())).isTrue();
            assertEcrecoverGivesGroupAddress(sig, port.groupPublicKey());
            assertThat(second.verifiesUnder(port.groupPublicKey())).isTrue();
            assertThat(second.r()).isNotEqualTo(sig.r());
            // Every member derived the same signature for the first session, and all four contributed.
            SignOutcome at1 = h.member(1).outcomes().get(0);
            for (int i = 2; i <= N; i++) {
                int m = i;
                await(() -> h.member(m).outcomes().stream().anyMatch(o -> o.session().equals(at1.session())
                        && o.signature().isPresent()), "member " + m + " to derive the signature");
                SignOutcome o = h.member(m).outcomes().stream().filter(x -> x.session().equals(at1.session()))
                        .findFirst().orElseThrow();
                assertThat(o.signature().orElseThrow().s()).isEqualTo(sig.s());
                assertThat(o.responders()).containsExactlyInAnyOrder(1, 2, 3, 4);
            }
            assertThat(h.failures).isEmpty();
            assertThat(h.member(2).rejections()).isEmpty();
        }
    }

    @Test
    void aMemberStoppedInTheMiddleOfASigningSessionDoesNotPreventCompletion() throws Exception {
        try (SigningHarness h = new SigningHarness(N, T, 10_000, SigningOverBoardTest::honest)) {
            h.drive(i -> true);
            BoardGroupSigning port = new BoardGroupSigning(h.member(1), Duration.ofMillis(25));
            await(() -> h.member(4).poolSize() >= 2, "the first presigning batch (made by all four)");
            // Member 4 goes away right after it posted its approval, before its partial signature.
            h.boards.get(4).stopAfterPosting = SigningFrame.Approval.KIND;
            GroupSignature sig = port.sign(action(3), TIMEOUT);
            assertThat(h.boards.get(4).stopped.get()).isTrue();
            assertThat(sig.verifiesUnder(port.groupPublicKey())).isTrue();
            assertEcrecoverGivesGroupAddress(sig, port.groupPublicKey());
            // member 2 derives the signature from the board on its own schedule: wait for it rather than race it
            await(() -> h.member(2).outcomes().stream().anyMatch(x -> x.signature().isPresent()),
                    "member 2 to derive the signature");
            SignOutcome o = h.member(2).outcomes().stream().filter(x -> x.signature().isPresent()).findFirst()
                    .orElseThrow();
            assertThat(o.responders()).as("4 approved, then stopped").contains(4);
            assertThat(h.failures).isEmpty();
        }
    }

    @Test
    void aRestartedMemberLosesItsPoolButTheGroupKeepsSigningAndItRejoins() throws Exception {
        // Sidechain blocks keep coming (as on a real chain): a presigning session the restarted member had dealt in
        // cannot finish without its lost secrets, and only its deadline (in blocks) ends it.
        try (SigningHarness h = new SigningHarness(N, T, 40, SigningOverBoardTest::honest)) {
            h.produceBlocks();
            h.drive(i -> i != 1);
            BoardGroupSigning port = new BoardGroupSigning(h.member(1), Duration.ofMillis(25));
            assertThat(port.sign(action(6), TIMEOUT).verifiesUnder(port.groupPublicKey())).isTrue();
            h.restart(3);
            SigningCoordinator restarted = h.member(3);
            assertThat(restarted.poolSize()).as("presignatures are never persisted").isZero();
            // Pooled presignatures made before the restart are completed by the other three members; the next
            // presigning batch includes member 3 again.
            for (int k = 0; k < 4; k++) {
                assertThat(port.sign(action(10 + k), TIMEOUT).verifiesUnder(port.groupPublicKey())).isTrue();
            }
            await(() -> restarted.presignReports().stream().anyMatch(r -> r.held() > 0)
                    && restarted.outcomes().size() >= 5, "the restarted member to replay the board and presign again");
            assertThat(h.failures).as("replaying the board reposts nothing (the board would revert a repeat)")
                    .isEmpty();
            assertThat(restarted.rejections()).isEmpty();
        }
    }

    @Test
    void aMemberRestartedFromItsPersistedResumeBlockRebuildsOpenSessionsAndSignsAgain() throws Exception {
        // Sidechain blocks keep coming (as on a real chain): a presigning session the restarted member had dealt in
        // cannot finish without its lost secrets, and only its deadline (in blocks) ends it.
        try (SigningHarness h = new SigningHarness(N, T, 40, SigningOverBoardTest::honest)) {
            h.produceBlocks();
            h.drive(i -> i != 1);
            BoardGroupSigning port = new BoardGroupSigning(h.member(1), Duration.ofMillis(25));
            assertThat(port.sign(action(20), TIMEOUT).verifiesUnder(port.groupPublicKey())).isTrue();
            SigningCoordinator before = h.member(2);
            long resume = before.resumeBlock();
            assertThat(resume).as("never past the oldest open sub-session, never past the cursor")
                    .isLessThanOrEqualTo(before.headBlock() + 1).isGreaterThan(0);
            h.restartFrom(2, resume);
            SigningCoordinator after = h.member(2);
            assertThat(after.poolSize()).as("presignatures are never persisted").isZero();
            for (int k = 0; k < 3; k++) {
                assertThat(port.sign(action(21 + k), TIMEOUT).verifiesUnder(port.groupPublicKey())).isTrue();
            }
            await(() -> after.presignReports().stream().anyMatch(r -> r.held() > 0),
                    "the restarted member to hold presignature shares again");
            GroupSignature last = port.sign(action(30), TIMEOUT);
            await(() -> after.outcomes().stream().anyMatch(o -> o.signature().map(s -> s.s().equals(last.s()))
                    .orElse(false)), "the restarted member to derive the latest signature");
            assertThat(h.failures).as("resuming reposts nothing").isEmpty();
            assertThat(after.rejections()).isEmpty();
        }
    }

    @Test
    void aMemberPostingAWrongPartialIsIdentifiedWithCheckableEvidence() throws Exception {
        try (SigningHarness h = new SigningHarness(N, T, 10_000, SigningOverBoardTest::honest)) {
            h.member(2).interceptOutbound(m -> m instanceof PartialSignatureMessage p
                    ? new PartialSignatureMessage(p.header(), p.presignatureId(),
                            p.s().add(BigInteger.ONE).mod(Secp256k1.N))
                    : m);
            h.drive(i -> i != 1);
            BoardGroupSigning port = new BoardGroupSigning(h.member(1), Duration.ofMillis(25));
            GroupSignature sig = port.sign(action(4), TIMEOUT);
            assertThat(sig.verifiesUnder(port.groupPublicKey())).isTrue();
            assertEcrecoverGivesGroupAddress(sig, port.groupPublicKey());
            // The evidence is on the board; every other member rebuilds and checks it on its own.
            h.drive(i -> i == 1);
            for (int m : List.of(1, 3, 4)) {
                await(() -> !h.member(m).faults().isEmpty(), "member " + m + " to check the posted evidence");
                PartialFault f = h.member(m).faults().get(0);
                assertThat(f.culprit()).isEqualTo(2);
                assertThat(f.evidence().verify(IdentityKeys.verifier(h.members))).isTrue();
                assertThat(h.member(m).falseAccusers()).isEmpty();
            }
            SignOutcome o = h.member(1).outcomes().get(0);
            assertThat(o.badPartials()).containsExactly(2);
            assertThat(h.failures).isEmpty();
        }
    }

    @Test
    void aProposerWhoseDigestTheOthersRecomputeDifferentlyGetsNoSignature() throws Exception {
        ActionVerifier skewed = GroupSigningContract.digesting("proposer's own story", BigInteger.ZERO);
        try (SigningHarness h = new SigningHarness(N, T, 10_000,
                i -> i == 1 ? ActionVerifiers.of(skewed) : honest(i))) {
            h.drive(i -> i != 1);
            BoardGroupSigning port = new BoardGroupSigning(h.member(1), Duration.ofMillis(25));
            GroupSigningContract.ContractAction a = action(5);
            assertThatThrownBy(() -> port.sign(a, TIMEOUT)).isInstanceOf(SigningFailed.class)
                    .hasMessageContaining("this member's verifier produced");
            SignOutcome o = h.member(1).outcomes().get(0);
            // The proposer's digest was never signed: it did not contribute, and no signature is over its digest.
            assertThat(o.refusals()).containsKey(1);
            assertThat(o.responders()).doesNotContain(1);
            byte[] proposersDigest = GroupSigningContract.honestDigest(a.encode(), "proposer's own story");
            assertThat(o.signature().map(s -> java.util.Arrays.equals(s.target().digest(), proposersDigest)))
                    .hasValue(false);
        }
    }

    @Test
    void heartbeatsMeasureLivenessAndAlertBelowTheMargin() throws Exception {
        long epoch = 1;
        SigningHarness[] ref = new SigningHarness[1];
        // Each member's heartbeat verifier checks the named block against its own view of the board head.
        try (SigningHarness h = new SigningHarness(N, T, 40, i -> ActionVerifiers.of(new HeartbeatVerifier(epoch,
                () -> ref[0].member(i).headBlock(), 1_000)))) {
            ref[0] = h;
            h.produceBlocks();
            h.drive(i -> i != 1);
            LivenessMonitor monitor = new LivenessMonitor(new ApprovalQuorum(N, T), 1);
            BoardGroupSigning port = new BoardGroupSigning(h.member(1), Duration.ofMillis(25));
            SigningCoordinator one = h.member(1);
            one.step();
            HeartbeatAction first = new HeartbeatAction(epoch, 1, one.headBlock());
            GroupSignature beat = port.sign(first, TIMEOUT);
            assertThat(beat.target().digest()).isEqualTo(HeartbeatVerifier.digest(first.encode()));
            assertEcrecoverGivesGroupAddress(beat, port.groupPublicKey());
            await(() -> {
                one.step();
                monitor.observe(one.outcomes());
                return monitor.last().isPresent();
            }, "the first heartbeat to settle");
            assertThat(monitor.state()).isEqualTo(LivenessMonitor.State.HEALTHY);
            assertThat(monitor.last().orElseThrow().responders()).containsExactlyInAnyOrder(1, 2, 3, 4);

            h.boards.get(4).stopped.set(true);
            GroupSignature second = port.sign(new HeartbeatAction(epoch, 2, one.headBlock()), TIMEOUT);
            assertThat(second.verifiesUnder(port.groupPublicKey())).isTrue();
            await(() -> {
                one.step();
                monitor.observe(one.outcomes());
                return monitor.last().orElseThrow().responders().size() == 3;
            }, "the second heartbeat to settle without member 4");
            assertThat(monitor.state()).as("3 responders < 2t+1 + margin 1").isEqualTo(LivenessMonitor.State.ALERT);
            assertThat(monitor.alerting()).isTrue();
            assertThat(monitor.last().orElseThrow().signed()).as("the group can still sign").isTrue();
            assertThat(one.suspected()).contains(4);
        }
    }

    @Test
    void aStaleOrForeignHeartbeatIsRefused() {
        HeartbeatVerifier v = new HeartbeatVerifier(3, () -> 500, 100);
        assertThatThrownBy(() -> v.approve(new HeartbeatAction(2, 1, 450).encode()))
                .hasMessageContaining("epoch");
        assertThatThrownBy(() -> v.approve(new HeartbeatAction(3, 1, 350).encode())).hasMessageContaining("head");
        assertThatThrownBy(() -> v.approve(new byte[23])).hasMessageContaining("24 bytes");
        assertThat(v.kind()).isEqualTo(ActionKind.HEARTBEAT);
    }
}
