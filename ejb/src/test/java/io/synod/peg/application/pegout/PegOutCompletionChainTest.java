package io.synod.peg.application.pegout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.synod.chain.bitcoin.Txid;
import io.synod.chain.evm.EvmClient;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.peg.domain.pegout.BatchState;
import io.synod.peg.domain.pegout.CompletionAction;
import io.synod.peg.domain.pegout.PayoutBatch;
import io.synod.peg.domain.pegout.RedemptionStatus;

/**
 * A payout's redemptions are completed on the sidechain by one group signature: every member's verifier checks each
 * listed redemption against its own store, and a completion recorded in part before finishes with the rest only.
 * Real threshold signing in process, real bcoin and anvil.
 */
class PegOutCompletionChainTest {

    /** The group's real signing, with the actions the proposer had signed kept in order. */
    private record Recording(GroupSigning inner, List<SignableAction> signed) implements GroupSigning {

        Recording(GroupSigning inner) {
            this(inner, new ArrayList<>());
        }

        @Override
        public GroupSignature sign(SignableAction action, Duration timeout) throws SigningFailed {
            signed.add(action);
            return inner.sign(action, timeout);
        }

        @Override
        public byte[] groupPublicKey() {
            return inner.groupPublicKey();
        }

        List<CompletionAction> completions() {
            return signed.stream().filter(CompletionAction.class::isInstance).map(CompletionAction.class::cast).toList();
        }
    }

    private static PegOutProposer proposing(PegOutHarness h, GroupSigning signing) {
        PegOutHarness.Member m = h.proposerMember();
        return new PegOutProposer(m.view, signing, h.coins(), h.devnet.bitcoinBroadcaster(), m.ledger);
    }

    /** {@code n} burns of 100,000 units, followed to finality by every member. */
    private static List<Long> redeemFinal(PegOutHarness h, EvmClient user, int n) {
        List<Long> seqs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            seqs.add(h.redeem(user, 100_000, PegOutHarness.randomP2wpkh()));
        }
        h.mineSidechain(2);
        h.pollAll();
        return seqs;
    }

    /** Pays {@code seqs} in one batch, broadcast and not yet mined. */
    private static PayoutBatch broadcast(PegOutHarness h, PegOutProposer proposer, List<Long> seqs) {
        PegOutProposer.Report r = proposer.step();
        PayoutBatch b = h.proposerMember().store.batch(h.proposerMember().store.redemption(seqs.get(0)).orElseThrow()
                .batchId().getAsLong()).orElseThrow();
        assertThat(b.state()).as(r.events().toString()).isEqualTo(BatchState.BROADCAST);
        assertThat(b.sequences()).isEqualTo(seqs);
        return b;
    }

    /** A harness whose proposer, signing through {@code signing}, has paid {@code n} redemptions in one batch, mined. */
    private record Paid(PegOutHarness h, List<Long> seqs, Recording signing, PegOutProposer proposer, PayoutBatch batch) {

        static Paid confirmed(int n) {
            PegOutHarness h = new PegOutHarness(PegOutHarness.roomyPolicy());
            h.fundGroup(2_000_000, 1);
            List<Long> seqs = redeemFinal(h, h.user(1_000_000), n);
            Recording signing = new Recording(h.group);
            PegOutProposer proposer = proposing(h, signing);
            PayoutBatch batch = broadcast(h, proposer, seqs);
            h.devnet.mineBitcoin(1);
            return new Paid(h, seqs, signing, proposer, batch);
        }
    }

    private static byte[] txid(PayoutBatch b) {
        return new Txid(b.txid()).displayBytes();
    }

    @Test
    void aPayoutOfManyRedemptionsIsCompletedOnTheSidechainByOneGroupSignature() throws Exception {
        Paid p = Paid.confirmed(6);
        PegOutHarness h = p.h();
        List<Long> seqs = p.seqs();
        Recording signing = p.signing();
        PegOutProposer proposer = p.proposer();
        PayoutBatch batch = p.batch();
        assertThat(h.deployment.redemption().MAX_BATCH().send()).as("the action's bound is the contract's")
                .isEqualTo(BigInteger.valueOf(CompletionAction.MAX_SEQUENCES));

        PegOutProposer.Report done = proposer.step();
        assertThat(signing.completions()).as(done.events().toString()).singleElement().satisfies(a -> {
            assertThat(a.sequences()).isEqualTo(seqs);
            assertThat(a.payoutTxid()).isEqualTo(txid(batch));
        });
        assertThat(done.events()).filteredOn(e -> e.endsWith("completed on the sidechain")).hasSize(6);
        for (long seq : seqs) {
            assertThat(h.proposerMember().store.redemption(seq).orElseThrow().status())
                    .isEqualTo(RedemptionStatus.COMPLETED);
            assertThat(h.deployment.redemption().requests(BigInteger.valueOf(seq)).send().component5())
                    .isEqualTo(txid(batch));
        }
        assertThat(h.proposerMember().store.batch(batch.id()).orElseThrow().state()).isEqualTo(BatchState.COMPLETED);
        assertThat(proposer.step().events()).as("nothing left to do").isEmpty();
        assertThat(signing.completions()).hasSize(1);
    }

    @Test
    void aCompletionRecordedInPartBeforeIsFinishedForTheRestOnly() throws Exception {
        Paid p = Paid.confirmed(4);

        // An earlier proposer got the first two recorded and stopped before its store knew: the group approves a
        // list short of the whole batch, and the contract now refuses any list that repeats them.
        SidechainRedemptions sidechain = p.h().proposerMember().view.sidechain();
        byte[] txid = txid(p.batch());
        CompletionAction part = new CompletionAction(sidechain.contract(), p.seqs().subList(0, 2), txid, 1);
        sidechain.complete(part.sequences(), txid, 1, p.h().group.sign(part, Duration.ofSeconds(30)).ethereum());
        assertThat(sidechain.isCompleted(p.seqs().get(1))).isTrue();
        assertThat(sidechain.isCompleted(p.seqs().get(2))).isFalse();

        PegOutProposer.Report done = p.proposer().step();
        assertThat(p.signing().completions()).as(done.events().toString()).singleElement()
                .satisfies(a -> assertThat(a.sequences()).isEqualTo(p.seqs().subList(2, 4)));
        for (long seq : p.seqs()) {
            assertThat(p.h().proposerMember().store.redemption(seq).orElseThrow().status())
                    .isEqualTo(RedemptionStatus.COMPLETED);
            assertThat(sidechain.completedTxid(seq)).hasValue(p.batch().txid());
        }
        assertThat(p.h().proposerMember().store.batch(p.batch().id()).orElseThrow().state())
                .isEqualTo(BatchState.COMPLETED);
    }

    @Test
    void everyMemberRefusesACompletionNamingARedemptionItsPayoutDoesNotPay() throws Exception {
        PegOutHarness h = new PegOutHarness(PegOutHarness.roomyPolicy());
        h.fundGroup(2_000_000, 1);
        EvmClient user = h.user(1_000_000);
        List<Long> paid = redeemFinal(h, user, 2);
        PegOutProposer proposer = proposing(h, h.group);
        PayoutBatch batch = broadcast(h, proposer, paid);
        long queued = redeemFinal(h, user, 1).get(0); // final after the batch was built: in no batch
        String contract = h.proposerMember().view.sidechain().contract();
        byte[] txid = txid(batch);

        CompletionAction honest = new CompletionAction(contract, paid, txid, 1);
        refusedByEveryMember(h, honest, "has 0 of 1 confirmations here");
        h.devnet.mineBitcoin(1);

        refusedByEveryMember(h, new CompletionAction(contract, List.of(paid.get(0), queued), txid, 1),
                "redemption " + queued + " is in no batch this member approved");
        refusedByEveryMember(h, new CompletionAction(contract, List.of(paid.get(1), queued + 1000), txid, 1),
                "redemption " + (queued + 1000) + " is unknown to this member");
        byte[] other = PegOutHarness.random32();
        refusedByEveryMember(h, new CompletionAction(contract, paid, other, 1), "is paid by " + batch.txid()
                + " here, not " + HexFormat.of().formatHex(other));
        refusedByEveryMember(h, new CompletionAction(contract, paid, txid, 2), "epoch 2 is not the current epoch 1");
        refusedByEveryMember(h, new CompletionAction("0x" + "12".repeat(20), paid, txid, 1),
                "is not this member's redemption contract");

        // The honest list, and any part of it, is approved by each member with the contract's own digest.
        for (List<Long> list : List.of(paid, paid.subList(1, 2))) {
            CompletionAction a = new CompletionAction(contract, list, txid, 1);
            byte[] onChain = h.deployment.redemption().completeDigest(list.stream().map(BigInteger::valueOf).toList(),
                    txid, BigInteger.ONE).send();
            for (PegOutHarness.Member m : h.members.values()) {
                assertThat(new CompletionVerifier(m.view).approve(a.encode()).digest()).isEqualTo(onChain);
            }
        }
        proposer.step();
        assertThat(paid).allSatisfy(seq -> assertThat(h.proposerMember().store.redemption(seq).orElseThrow().status())
                .isEqualTo(RedemptionStatus.COMPLETED));
        assertThat(h.proposerMember().view.sidechain().isCompleted(queued)).isFalse();
    }

    private static void refusedByEveryMember(PegOutHarness h, CompletionAction a, String reason) {
        for (PegOutHarness.Member m : h.members.values()) {
            assertThatThrownBy(() -> new CompletionVerifier(m.view).approve(a.encode()))
                    .isInstanceOf(ActionRefused.class).hasMessageContaining(reason);
        }
        assertThatThrownBy(() -> h.group.sign(a, Duration.ofSeconds(30))).isInstanceOf(SigningFailed.class);
    }
}
