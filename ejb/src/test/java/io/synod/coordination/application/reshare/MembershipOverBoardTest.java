package io.synod.coordination.application.reshare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bitcoinj.core.Transaction;
import org.junit.jupiter.api.Test;

import io.synod.chain.bitcoin.Txid;
import io.synod.coordination.application.IdentityKeys;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.membership.application.StakeSpendAction;
import io.synod.membership.application.StakeTransactions;
import io.synod.membership.application.ConfiscationRecordAction;
import io.synod.membership.application.MissedDeadlineRule;
import io.synod.membership.application.ResharingIntake;
import io.synod.membership.domain.Confiscation;
import io.synod.membership.domain.ConfiscationRecord;
import io.synod.membership.domain.ConfiscationState;
import io.synod.membership.domain.Conviction;
import io.synod.membership.domain.MembershipBook;
import io.synod.membership.domain.EpochRecord;
import io.synod.membership.domain.Exclusion;
import io.synod.membership.domain.ExclusionCause;
import io.synod.membership.domain.MissedDeadlinePolicy;
import io.synod.membership.domain.SessionAttendance;
import io.synod.membership.domain.StakeRefusalReason;
import io.synod.membership.domain.StakeVerdict;
import io.synod.membership.domain.ThresholdPolicy;
import io.synod.membership.infrastructure.evm.RegistryException;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.evidence.InvalidShareEvidence;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.Complaint;

/**
 * Membership changes of a real group over the real board and registry (anvil) with real stakes (bcoin), several
 * members' coordinators in one JVM: joining by stake, leaving with the stake returned, a bad dealer excluded with its
 * stake confiscated, and a false accusation that changes nothing.
 */
class MembershipOverBoardTest {
    private static final long ROUND_BLOCKS = 100_000;
    private static final Satoshis FEE = new Satoshis(2_000);

    /** A candidate pays a full stake, registers and is verified by every member; the join session admitting it. */
    private static ReshareSession joinOfANewCandidate(MembershipGroup g) {
        MembershipGroup.Candidate c = g.payStake(MembershipGroup.STAKE.value(), 3);
        g.register(c);
        assertThat(g.verifyStake(c.candidacy()).values()).allMatch(StakeVerdict::accepted);
        int index = g.registry().nextIndex();
        g.admit(c, index);
        return ReshareSession.join(g.registry().address(), 1, g.members, g.sharing, c.candidacy(), index,
                ThresholdPolicy.ONE_SPARE, startBlock(g), ROUND_BLOCKS);
    }

    private static long startBlock(MembershipGroup g) {
        return g.member(g.members.indices().get(0)).board.headBlock();
    }

    /** A signature by any 2t'+1 of the new shares verifies under the unchanged group key. */
    private static void assertNewSetSigns(MembershipGroup g, Map<Integer, KeyShare> newShares, String what)
            throws Exception {
        byte[] digest = Hashing.hash("SYNOD/test/after-resharing", Secp256k1.utf8(what));
        GroupSignature sig = g.sign(new MembershipGroup.TestAction(digest));
        assertThat(sig.verifiesUnder(g.groupKey)).as("new set signs %s", what).isTrue();
        assertThat(sig.target().digest()).isEqualTo(MembershipGroup.TestAction.digestOf(digest));
        assertThat(newShares.keySet()).containsAll(g.shares.keySet());
    }

    /** Every receiver completed with the same new sharing of the same group key; each share fits its public share. */
    private static void assertAgreement(MembershipGroup g, ReshareSession s, Map<Integer, ReshareCoordinator> cs,
            Map<Integer, KeyShare> newShares) {
        for (ReshareCoordinator c : cs.values()) {
            assertThat(c.status()).as("member %d: %s", c.self(), c.failure()).isEqualTo(ReshareCoordinator.Status.COMPLETE);
            assertThat(c.rejections()).as("member %d rejections", c.self()).isEmpty();
        }
        var first = cs.get(s.newMembers().indices().get(0)).result().orElseThrow().newGroup().orElseThrow();
        assertThat(first.baseKey()).as("group key unchanged").isEqualTo(g.sharing.baseKey());
        assertThat(first.threshold()).isEqualTo(s.newMembers().t());
        for (int i : s.newMembers().indices().indices()) {
            assertThat(cs.get(i).result().orElseThrow().newGroup().orElseThrow().commitments())
                    .isEqualTo(first.commitments());
            assertThat(Secp256k1.mulG(newShares.get(i).secret()).normalize()).isEqualTo(first.publicShare(i));
        }
        assertThat(newShares.keySet()).containsExactlyInAnyOrderElementsOf(toList(s.newMembers().indices().indices()));
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> out = new ArrayList<>();
        for (int i : a) {
            out.add(i);
        }
        return out;
    }

    /** The registry's new epoch: same key (so same Bitcoin address), the new members and t'. */
    private static void assertRecorded(MembershipGroup g, EpochRecord expected) {
        EpochRecord onChain = g.registry().epoch(g.registry().currentEpoch());
        assertThat(onChain).isEqualTo(expected);
        assertThat(org.bitcoinj.script.ScriptBuilder.createP2WPKHOutputScript(org.bitcoinj.crypto.ECKey.fromPublicOnly(
                Secp256k1.CURVE.decodePoint(concat04(onChain.groupPublicKey())).getEncoded(true))).program())
                .as("the group's Bitcoin address is unchanged").isEqualTo(g.groupScript.program());
    }

    private static byte[] concat04(byte[] key64) {
        byte[] out = new byte[65];
        out[0] = 4;
        System.arraycopy(key64, 0, out, 1, 64);
        return out;
    }

    private static Transaction broadcastAndConfirm(MembershipGroup g, StakeSpendAction a, GroupSignature sig) {
        Transaction tx = StakeTransactions.signed(a, g.groupKey, sig.r(), sig.s());
        Txid txid = g.devnet.bitcoinBroadcaster().broadcast(tx);
        g.devnet.mineBitcoin(1);
        assertThat(g.devnet.bitcoinBroadcaster().confirmations(txid)).as("confirmed on bcoin").hasValueSatisfying(
                c -> assertThat(c).isGreaterThanOrEqualTo(1));
        return tx;
    }

    /**
     * Each member takes its own resharing's outcome to its own desk (what the server's membership node does): the
     * evidence, checked again from the board messages, convicts {@code culprit} once (a replay changes nothing), and
     * every member's book leaves it out of the next epoch.
     */
    private static void assertConvictedAndExcludedEverywhere(MembershipGroup g, ReshareSession s,
            Map<Integer, ReshareCoordinator> cs, int culprit, String evidenceKind) {
        for (int i : s.newMembers().indices().indices()) {
            MembershipGroup.Participant p = g.member(i);
            var taken = new ResharingIntake(p.desk).take(cs.get(i).result().orElseThrow());
            assertThat(taken.convicted()).as("at member %d", i).containsExactly(g.member(culprit).address());
            assertThat(taken.falseAccusers()).isEmpty();
            assertThat(p.book.convictions()).singleElement().satisfies(c -> {
                assertThat(c.culpritIndex()).isEqualTo(culprit);
                assertThat(c.evidenceKind()).isEqualTo(evidenceKind);
                assertThat(c.session()).isEqualTo(s.id());
            });
            assertThat(new ResharingIntake(p.desk).take(cs.get(i).result().orElseThrow()).convicted())
                    .as("a replay convicts nobody again").isEmpty();
            assertThat(p.book.convictions()).hasSize(1);
        }
        for (int i : g.members.indices().indices()) {
            assertThat(g.member(i).book.nextToLeaveOut(g.members)).as("at member %d", i).hasValueSatisfying(x -> {
                assertThat(x.index()).isEqualTo(culprit);
                assertThat(x.cause()).isEqualTo(ExclusionCause.CONVICTED);
            });
        }
    }

    @Test
    void aCandidateJoinsByStakeThenAMemberLeavesAndGetsItsStakeBack() throws Exception {
        try (MembershipGroup g = new MembershipGroup(4, 1)) {
            // A candidate with too small a stake is refused with its reason by every member, and never admitted.
            MembershipGroup.Candidate poor = g.payStake(400_000, 3);
            g.register(poor);
            assertThat(g.verifyStake(poor.candidacy()).values()).allSatisfy(v -> assertThat(v)
                    .isInstanceOfSatisfying(StakeVerdict.Refused.class,
                            r -> assertThat(r.refusal().reason()).isEqualTo(StakeRefusalReason.BELOW_MINIMUM)));
            assertThat(g.member(1).book.list()).singleElement()
                    .satisfies(r -> assertThat(r.candidate()).isEqualTo(poor.candidacy().address()));

            // The fifth member: pays, waits for confirmations, registers; every member verifies the stake itself.
            MembershipGroup.Candidate c = g.payStake(MembershipGroup.STAKE.value(), 3);
            g.register(c);
            assertThat(g.verifyStake(c.candidacy()).values()).allMatch(StakeVerdict::accepted);
            int index = g.registry().nextIndex();
            assertThat(index).isEqualTo(5);
            g.admit(c, index);
            ReshareSession join = ReshareSession.join(g.registry().address(), 1, g.members, g.sharing, c.candidacy(),
                    index, ThresholdPolicy.ONE_SPARE, startBlock(g), ROUND_BLOCKS);
            assertThat(join.newMembers().t()).isEqualTo(1);
            Map<Integer, KeyShare> joined = g.concurrentShares();
            long t0 = System.nanoTime();
            Map<Integer, ReshareCoordinator> cs = g.reshare(join, Map.of(), joined);
            long joinMs = (System.nanoTime() - t0) / 1_000_000;
            assertAgreement(g, join, cs, joined);
            long t1 = System.nanoTime();
            EpochRecord two = g.rotate(join, cs, joined);
            long rotateMs = (System.nanoTime() - t1) / 1_000_000;
            assertRecorded(g, two);
            assertThat(two.members()).hasSize(5).contains(c.candidacy().address());
            assertThat(g.registry().memberIndex(c.candidacy().address())).isEqualTo(5);
            assertNewSetSigns(g, joined, "five members");
            System.out.printf("join of member 5 (n 4 -> 5, t' 1) over anvil: resharing %d ms, rotation signed and"
                    + " recorded %d ms%n", joinMs, rotateMs);

            // Member 2 leaves: it asks on the registry, the group reshares without it and returns its stake.
            MembershipGroup.Participant leaver = g.member(2);
            leaver.registry.requestLeave();
            StakeSpendAction early = new StakeSpendAction(ActionKind.STAKE_RETURN_INPUT, leaver.address(),
                    g.stakes.get(leaver.address()), MembershipGroup.STAKE,
                    StakeTransactions.returnScript(io.synod.chain.evm.Eip712.publicKey64(leaver.identity)), FEE);
            assertThatThrownBy(() -> g.sign(early)).as("no return while it still holds a share")
                    .isInstanceOf(SigningFailed.class).hasMessageContaining("still a member");
            ReshareSession leave = ReshareSession.leave(g.registry().address(), 2, g.members, g.sharing, 2,
                    ThresholdPolicy.ONE_SPARE, startBlock(g), ROUND_BLOCKS);
            Map<Integer, KeyShare> left = g.concurrentShares();
            Map<Integer, ReshareCoordinator> ls = g.reshare(leave, Map.of(), left);
            assertAgreement(g, leave, ls, left);
            assertThat(ls.get(2).result().orElseThrow().newGroup()).as("the leaver receives nothing").isEmpty();
            EpochRecord three = g.rotate(leave, ls, left);
            assertRecorded(g, three);
            assertThat(three.members()).hasSize(4).doesNotContain(leaver.address());
            assertThat(g.registry().epoch(3).threshold()).isEqualTo(1);

            // A return to another script than the member's own is refused by every member's verifier.
            StakeSpendAction elsewhere = new StakeSpendAction(ActionKind.STAKE_RETURN_INPUT, leaver.address(),
                    early.stake(), MembershipGroup.STAKE, g.forfeiture, FEE);
            assertThatThrownBy(() -> g.sign(elsewhere)).isInstanceOf(SigningFailed.class)
                    .hasMessageContaining("identity key");
            GroupSignature sig = g.sign(early);
            Transaction tx = broadcastAndConfirm(g, early, sig);
            assertThat(tx.getOutputs()).singleElement().satisfies(o -> {
                assertThat(o.getValue().value).isEqualTo(MembershipGroup.STAKE.value() - FEE.value());
                assertThat(o.getScriptPubKey().program()).isEqualTo(early.destination());
            });
            assertNewSetSigns(g, left, "after the leave");
        }
    }

    @Test
    void aDealerWithABadShareIsExcludedAndItsStakeConfiscatedOnBitcoin() throws Exception {
        try (MembershipGroup g = new MembershipGroup(4, 1)) {
            ReshareSession join = joinOfANewCandidate(g);
            int index = 5;
            assertThat(join.newMembers().indices().contains(index)).isTrue();
            // Dealer 2 runs the operators' drill: member 1 gets g(1) + 1, which contradicts dealer 2's commitments.
            assertThat(ReshareDrill.victimOf(join, 2)).isEqualTo(1);
            Map<Integer, KeyShare> joined = g.concurrentShares();
            Map<Integer, ReshareCoordinator> cs = g.reshare(join, Map.of(2, ReshareDrill::badShareToOneRecipient),
                    joined);
            for (ReshareCoordinator co : cs.values()) {
                ReshareResult r = co.result().orElseThrow();
                assertThat(r.excludedDealers()).as("at member %d", co.self()).containsExactly(2);
                assertThat(r.falseAccusers()).isEmpty();
                assertThat(r.leftOutWithoutEvidence()).isEmpty();
                assertThat(r.evidence()).singleElement().satisfies(e -> {
                    assertThat(e.culprit()).isEqualTo(2);
                    assertThat(e.complaint().claimedSender()).as("the victim complained").isEqualTo(1);
                    assertThat(e.verify(IdentityKeys.verifier(join::participant))).isTrue();
                });
            }
            assertAgreement(g, join, cs, joined);
            g.rotate(join, cs, joined);
            assertNewSetSigns(g, joined, "without dealer 2's dealing");

            // Each member takes its own resharing's outcome to its own desk (what the server's membership node
            // does): the evidence, checked again from the board messages, convicts dealer 2 and excludes it.
            assertConvictedAndExcludedEverywhere(g, join, cs, 2, "InvalidShareEvidence");
            // The others reshare without the culprit, which neither deals nor receives.
            MembershipGroup.Participant culprit = g.member(2);
            ReshareSession exclusion = ReshareSession.exclusion(g.registry().address(), 2, g.members, g.sharing, 2,
                    ThresholdPolicy.ONE_SPARE, startBlock(g), ROUND_BLOCKS);
            assertThat(exclusion.dealers().contains(2)).isFalse();
            Map<Integer, KeyShare> rest = g.concurrentShares();
            Map<Integer, ReshareCoordinator> es = g.reshare(exclusion, Map.of(), rest);
            assertAgreement(g, exclusion, es, rest);
            EpochRecord three = g.rotate(exclusion, es, rest);
            assertRecorded(g, three);
            assertThat(three.members()).doesNotContain(culprit.address());
            assertThat(g.registry().leaveRequestedIn(culprit.address())).as("excluded, never asked to leave").isZero();

            // Its stake goes to the forfeiture output, signed by the group after each member's own checks.
            Outpoint stake = g.stakes.get(culprit.address());
            StakeSpendAction confiscation = new StakeSpendAction(ActionKind.CONFISCATION_INPUT, culprit.address(),
                    stake, MembershipGroup.STAKE, g.forfeiture, FEE);
            StakeSpendAction asReturn = new StakeSpendAction(ActionKind.STAKE_RETURN_INPUT, culprit.address(), stake,
                    MembershipGroup.STAKE, StakeTransactions.returnScript(
                            io.synod.chain.evm.Eip712.publicKey64(culprit.identity)), FEE);
            assertThatThrownBy(() -> g.sign(asReturn)).as("no return of a convicted member's stake")
                    .isInstanceOf(SigningFailed.class);
            GroupSignature sig = g.sign(confiscation);
            assertThat(sig.target()).isEqualTo(SigningTarget.untweaked(StakeTransactions.sighash(confiscation,
                    g.groupKey)));
            Transaction tx = broadcastAndConfirm(g, confiscation, sig);
            assertThat(tx.getOutput(0).getScriptPubKey().program()).isEqualTo(g.forfeiture);
            assertThat(g.devnet.bitcoinRpc().getTxOut(new io.synod.chain.bitcoin.Outpoint(
                    new Txid(stake.displayTxid()), stake.vout()), true)).as("stake spent").isEmpty();

            // The group records the confiscation on the registry once each member sees it buried on its own node.
            MembershipBook book = g.member(1).book;
            Conviction conviction = book.convictions().get(0);
            String txid = tx.getTxId().toString();
            book.confiscation(Confiscation.pending(conviction, stake, java.time.Instant.now()));
            book.confiscation(book.confiscationOf(culprit.address()).orElseThrow()
                    .advance(ConfiscationState.CONFIRMED, txid, java.time.Instant.now()));
            ConfiscationRecord record = new ConfiscationRecord(culprit.address(), stake, txid,
                    conviction.evidenceHash(), g.registry().currentEpoch());
            ConfiscationRecordAction recordAction = new ConfiscationRecordAction(g.registry().address(), record);
            assertThatThrownBy(() -> g.sign(recordAction)).as("1 of 3 confirmations")
                    .isInstanceOf(SigningFailed.class).hasMessageContaining("confirmations here");
            g.devnet.mineBitcoin(MembershipGroup.POLICY.confirmations() - 1);
            ConfiscationRecord otherTx = new ConfiscationRecord(culprit.address(), stake, stake.displayTxid(),
                    conviction.evidenceHash(), record.epoch());
            assertThatThrownBy(() -> g.sign(new ConfiscationRecordAction(g.registry().address(), otherTx)))
                    .as("the stake's own funding transaction").isInstanceOf(SigningFailed.class)
                    .hasMessageContaining("does not spend the stake");
            ConfiscationRecord otherEvidence = new ConfiscationRecord(culprit.address(), stake, txid,
                    Hashing.hash("SYNOD/test/other-evidence", new byte[0]), record.epoch());
            assertThatThrownBy(() -> g.sign(new ConfiscationRecordAction(g.registry().address(), otherEvidence)))
                    .isInstanceOf(SigningFailed.class).hasMessageContaining("not convicted here by the evidence");
            GroupSignature recordSig = g.sign(recordAction);
            assertThat(recordSig.target().digest()).isEqualTo(g.registry().confiscationDigest(record));
            g.registry().recordConfiscation(record, recordSig.ethereum());
            assertThat(g.registry().confiscated(culprit.address())).isTrue();
            assertThat(g.registry().confiscationRecord(culprit.address())).contains(record);
            book.confiscation(book.confiscationOf(culprit.address()).orElseThrow()
                    .advance(ConfiscationState.RECORDED, txid, java.time.Instant.now()));
            assertThatThrownBy(() -> g.sign(recordAction)).as("recorded once")
                    .isInstanceOf(SigningFailed.class).hasMessageContaining("already records");
            // The excluded member can no longer speak on the board.
            assertThatThrownBy(() -> culprit.board.post(exclusion.id(), 1, new byte[] {1}))
                    .hasMessageContaining("failed");
            assertNewSetSigns(g, rest, "after the exclusion");
        }
    }

    @Test
    void aDealerThatResharesAWrongSecretIsConvictedFromPublicDataAlone() throws Exception {
        try (MembershipGroup g = new MembershipGroup(4, 1)) {
            ReshareSession join = joinOfANewCandidate(g);
            Map<Integer, KeyShare> joined = g.concurrentShares();
            // Dealer 3 reshares x_3 + 1, consistently committed: no recipient can complain, yet the constant
            // commitment is not X_3, which every participant sees on the board.
            Map<Integer, ReshareCoordinator> cs = g.reshare(join, Map.of(3, ReshareDrill::wrongConstant), joined);
            for (ReshareCoordinator co : cs.values()) {
                ReshareResult r = co.result().orElseThrow();
                assertThat(r.excludedDealers()).as("at member %d", co.self()).containsExactly(3);
                assertThat(r.evidence()).as("no complaint was needed").isEmpty();
                assertThat(r.falseAccusers()).isEmpty();
                assertThat(r.leftOutWithoutEvidence()).isEmpty();
                assertThat(r.wrongConstants()).singleElement().satisfies(e -> {
                    assertThat(e.culprit()).isEqualTo(3);
                    assertThat(e.oldPublicShare()).isEqualTo(join.oldGroup().publicShare(3));
                    assertThat(e.verify(IdentityKeys.verifier(join::participant))).isTrue();
                    assertThat(new io.synod.threshold.evidence.WrongConstantEvidence(e.dealing(), e.context(),
                            join.oldGroup().publicShare(3).add(io.synod.threshold.math.Secp256k1.G))
                            .verify(IdentityKeys.verifier(join::participant)))
                            .as("against the secret it did reshare (x_3 + 1), the dealing is consistent").isFalse();
                });
            }
            assertAgreement(g, join, cs, joined);
            g.rotate(join, cs, joined);
            assertNewSetSigns(g, joined, "without dealer 3's dealing");

            // A record naming another "old public share" than this member's own copy of the old epoch convicts nobody
            // and accuses nobody, even though the dealing does differ from that value.
            var real = cs.get(1).result().orElseThrow().wrongConstants().get(0);
            var elsewhere = new io.synod.threshold.evidence.WrongConstantEvidence(real.dealing(), real.context(),
                    join.oldGroup().publicShare(3).twice());
            assertThat(elsewhere.verify(IdentityKeys.verifier(join::participant))).isTrue();
            var forged = new ReshareResult(join, java.util.Optional.empty(), List.of(3), List.of(), List.of(),
                    List.of(), List.of(elsewhere));
            assertThat(new ResharingIntake(g.member(1).desk).take(forged).convicted()).isEmpty();
            assertThat(g.member(1).book.convictions()).isEmpty();
            assertThat(g.member(1).book.falseAccusations()).isEmpty();

            assertConvictedAndExcludedEverywhere(g, join, cs, 3, "WrongConstantEvidence");
        }
    }

    @Test
    void aFalseAccusationChangesNothingAndTheAccuserIsRecorded() throws Exception {
        try (MembershipGroup g = new MembershipGroup(4, 1)) {
            ReshareSession join = joinOfANewCandidate(g);
            int index = 5;
            // Member 3 accuses honest dealer 1 with a well-formed complaint about a sub-share that was fine.
            Map<Integer, KeyShare> joined = g.concurrentShares();
            Map<Integer, ReshareCoordinator> cs = g.reshare(join, Map.of(3, co -> co.rewriteComplaints(own -> {
                List<Complaint> out = new ArrayList<>(own);
                out.add(co.complaintAgainstDealer(1).orElseThrow());
                return out;
            })), joined);
            for (ReshareCoordinator co : cs.values()) {
                ReshareResult r = co.result().orElseThrow();
                assertThat(r.excludedDealers()).as("at member %d", co.self()).isEmpty();
                assertThat(r.falseAccusers()).containsExactly(3);
                assertThat(r.evidence()).isEmpty();
            }
            assertAgreement(g, join, cs, joined);
            g.rotate(join, cs, joined);
            assertThat(g.registry().epoch(2).members()).hasSize(5).contains(g.member(1).address());

            // Each member takes its own outcome to its desk: the complaint, brought as evidence, convicts nobody and
            // every member records the accuser instead.
            ReshareCoordinator three = cs.get(3);
            InvalidShareEvidence bogus = three.evidenceFromBoard(3, 1).orElseThrow();
            assertThat(bogus.verify(IdentityKeys.verifier(join::participant))).isFalse();
            for (int i : g.members.indices().indices()) {
                MembershipGroup.Participant p = g.member(i);
                var taken = new ResharingIntake(p.desk).take(cs.get(i).result().orElseThrow());
                assertThat(taken.convicted()).isEmpty();
                assertThat(taken.falseAccusers()).containsExactly(g.member(3).address());
                assertThat(p.book.convictions()).isEmpty();
                assertThat(p.book.falseAccusations()).singleElement().satisfies(f -> {
                    assertThat(f.accuserIndex()).isEqualTo(3);
                    assertThat(f.accuser()).isEqualTo(g.member(3).address());
                    assertThat(f.accused()).isEqualTo(1);
                });
            }
            // Nothing follows for the accused: no confiscation is signed, it stays a member and the group signs.
            MembershipGroup.Participant one = g.member(1);
            StakeSpendAction confiscation = new StakeSpendAction(ActionKind.CONFISCATION_INPUT, one.address(),
                    g.stakes.get(one.address()), MembershipGroup.STAKE, g.forfeiture, FEE);
            assertThatThrownBy(() -> g.sign(confiscation)).isInstanceOf(SigningFailed.class)
                    .hasMessageContaining("not convicted");
            assertThat(g.registry().epoch(2).hasMember(one.address())).isTrue();
            assertNewSetSigns(g, joined, "after a false accusation");
        }
    }

    @Test
    void aParticipantThatRestartsMidSessionResumesFromItsStoreAndTheBoard() throws Exception {
        try (MembershipGroup g = new MembershipGroup(4, 1)) {
            ReshareSession join = joinOfANewCandidate(g);
            Map<Integer, KeyShare> joined = g.concurrentShares();
            MembershipGroup.Participant one = g.member(1);
            ReshareCoordinator before = ReshareCoordinator.start(join, 1, one.signer(),
                    new io.synod.threshold.math.SecretScalar(one.decryptionKey), java.util.Optional.of(g.shares.get(1)),
                    one.board, one.store, (sid, share) -> joined.put(1, share));
            before.step();
            assertThat(before.stage()).as("dealt and closed its round 1").isEqualTo(1);
            assertThat(one.store.load(join.id()).orElseThrow().postedRound()).isEqualTo(1);
            // "Crash": the object is dropped; the others go on and wait for member 1 in round 2.
            java.util.concurrent.CompletableFuture<Map<Integer, ReshareCoordinator>> others =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                        try {
                            return g.reshare(join, Map.of(), joined, Set.of(1));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    });
            ReshareCoordinator resumed = ReshareCoordinator.resume(join, 1, one.signer(),
                    new io.synod.threshold.math.SecretScalar(one.decryptionKey), java.util.Optional.of(g.shares.get(1)),
                    one.board, one.store, (sid, share) -> joined.put(1, share));
            assertThat(resumed.stage()).isZero();
            assertThat(resumed.run(MembershipGroup.TIMEOUT, java.time.Duration.ofMillis(25)))
                    .isEqualTo(ReshareCoordinator.Status.COMPLETE);
            Map<Integer, ReshareCoordinator> all = new java.util.TreeMap<>(others.get());
            all.put(1, resumed);
            // It regenerated its dealing instead of posting a second, different one (no rejection anywhere).
            assertAgreement(g, join, all, joined);
            assertThat(one.store.load(join.id()).orElseThrow().finished()).isTrue();
            assertThatThrownBy(() -> ReshareCoordinator.resume(join, 1, one.signer(),
                    new io.synod.threshold.math.SecretScalar(one.decryptionKey), java.util.Optional.of(g.shares.get(1)),
                    one.board, one.store, (sid, share) -> { })).hasMessageContaining("already finished");
            g.rotate(join, all, joined);
            assertNewSetSigns(g, joined, "after a restart");
        }
    }

    @Test
    void aMemberThatKeepsMissingDeadlinesIsExcludedAndTheNextEpochLeavesItOut() throws Exception {
        try (MembershipGroup g = new MembershipGroup(4, 1)) {
            // Member 4 stops posting: three sessions in a row close without it at every member.
            MissedDeadlinePolicy limit = new MissedDeadlinePolicy(3);
            Map<Integer, MissedDeadlineRule> rules = new java.util.TreeMap<>();
            for (int i : g.members.indices().indices()) {
                rules.put(i, new MissedDeadlineRule(limit, g.member(i).book, java.time.Clock.systemUTC()));
            }
            for (int k = 1; k <= 3; k++) {
                SessionAttendance a = io.synod.membership.application.MissedDeadlineRuleTest.without(g.members, k, 4);
                for (Map.Entry<Integer, MissedDeadlineRule> r : rules.entrySet()) {
                    List<Exclusion> decided = r.getValue().sessionClosed(a);
                    if (k < 3) {
                        assertThat(decided).isEmpty();
                    } else {
                        assertThat(decided).as("member %d decides", r.getKey()).singleElement()
                                .satisfies(x -> assertThat(x.index()).isEqualTo(4));
                    }
                }
            }
            // The resharing flow takes the decision from the book: the others reshare without member 4.
            Exclusion x = g.member(1).book.nextToLeaveOut(g.members).orElseThrow();
            assertThat(x.cause()).isEqualTo(ExclusionCause.MISSED_DEADLINES);
            ReshareSession exclusion = ReshareSession.exclusion(g.registry().address(), 1, g.members, g.sharing,
                    x.index(), ThresholdPolicy.ONE_SPARE, startBlock(g), ROUND_BLOCKS);
            Map<Integer, KeyShare> rest = g.concurrentShares();
            Map<Integer, ReshareCoordinator> es = g.reshare(exclusion, Map.of(), rest);
            assertThat(es).as("the silent member takes no part").doesNotContainKey(4);
            assertAgreement(g, exclusion, es, rest);
            EpochRecord two = g.rotate(exclusion, es, rest);
            assertRecorded(g, two);
            assertThat(two.members()).hasSize(3).doesNotContain(g.member(4).address());
            assertThat(g.member(1).book.nextToLeaveOut(g.members)).as("done").isEmpty();
            assertNewSetSigns(g, rest, "without the silent member");
        }
    }
}
