package io.synod.coordination.application.reshare;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import org.bitcoinj.core.Transaction;
import org.junit.jupiter.api.Test;

import io.synod.chain.bitcoin.Txid;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.membership.application.Confiscator;
import io.synod.membership.domain.Confiscation;
import io.synod.membership.domain.ConfiscationState;
import io.synod.membership.domain.Conviction;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.math.Hashing;

/**
 * Every member runs its own {@link Confiscator} over the real registry (anvil) and its own view of bcoin: the first
 * member in turn has the group sign and broadcast the move of the convicted member's stake to the forfeiture output,
 * the others learn the transaction by its txid on their node (they compute it from the action), and once buried the
 * group-signed record lands on the registry. A member convicted nowhere keeps its stake.
 */
class ConfiscatorOverChainsTest {

    /** The group's signing port: the current members' own verifiers decide (MembershipGroup#sign). */
    private static GroupSigning port(MembershipGroup g) {
        return new GroupSigning() {
            @Override
            public GroupSignature sign(SignableAction action, Duration timeout) throws SigningFailed {
                try {
                    return g.sign(action);
                } catch (SigningFailed e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public byte[] groupPublicKey() {
                return g.groupKey.clone();
            }
        };
    }

    @Test
    void eachMembersConfiscatorMovesTheConvictedStakeToForfeitureAndRecordsIt() throws Exception {
        try (MembershipGroup g = new MembershipGroup(4, 1)) {
            MembershipGroup.Participant culprit = g.member(3);
            // Member 3 convicted at every member (the desk's judgement is tested elsewhere; here, what follows).
            byte[] evidence = Hashing.hash("SYNOD/test/evidence", new byte[] {3});
            SessionId session = new SessionId(Hashing.hash("SYNOD/test/session", new byte[] {1}));
            Confiscator.Policy policy = new Confiscator.Policy(g.forfeiture, new Satoshis(2_000),
                    MembershipGroup.POLICY.confirmations(), Duration.ofHours(1), MembershipGroup.TIMEOUT);
            Map<Integer, Confiscator> confiscators = new TreeMap<>();
            for (int i : g.members.indices().indices()) {
                MembershipGroup.Participant p = g.member(i);
                p.book.convicted(new Conviction(culprit.address(), 3, session, "InvalidPartialEvidence", evidence,
                        "verified by this member", java.time.Instant.now()));
                confiscators.put(i, new Confiscator(p.book, p.registry, g.devnet.bitcoinRpc(),
                        g.devnet.bitcoinBroadcaster(), port(g), p.address(), policy, Clock.systemUTC()));
            }
            // First pass: every member opens the confiscation of the stake the registry holds for member 3.
            Outpoint stake = g.stakes.get(culprit.address());
            for (Confiscator c : confiscators.values()) {
                assertThat(c.step()).singleElement().satisfies(x -> {
                    assertThat(x.state()).isEqualTo(ConfiscationState.PENDING);
                    assertThat(x.stake()).isEqualTo(stake);
                });
            }
            // Members 2 and 4 wait for their turn (an hour per rank); member 1 has the group sign and broadcasts.
            assertThat(confiscators.get(2).step()).isEmpty();
            assertThat(confiscators.get(1).step()).singleElement()
                    .satisfies(x -> assertThat(x.state()).isEqualTo(ConfiscationState.BROADCAST));
            String txid = g.member(1).book.confiscationOf(culprit.address()).orElseThrow().bitcoinTxid().orElseThrow();
            assertThat(txid).isEqualTo(Confiscator.txidOf(confiscators.get(2)
                    .actionFor(g.member(2).book.confiscationOf(culprit.address()).orElseThrow())));
            Transaction tx = Transaction.read(java.nio.ByteBuffer.wrap(java.util.HexFormat.of().parseHex(
                    g.devnet.bitcoinRpc().getRawTransactionVerbose(new Txid(txid)).orElseThrow().path("hex")
                            .asText())));
            assertThat(tx.getOutputs()).singleElement().satisfies(o -> {
                assertThat(o.getScriptPubKey().program()).isEqualTo(g.forfeiture);
                assertThat(o.getValue().value).isEqualTo(MembershipGroup.STAKE.value() - 2_000);
            });
            // The others see it on their own node by the txid they computed.
            for (int i : new int[] {2, 3, 4}) {
                assertThat(confiscators.get(i).step()).singleElement()
                        .satisfies(x -> assertThat(x.bitcoinTxid()).contains(txid));
            }
            g.devnet.mineBitcoin(MembershipGroup.POLICY.confirmations());
            for (Confiscator c : confiscators.values()) {
                assertThat(c.step()).singleElement()
                        .satisfies(x -> assertThat(x.state()).isEqualTo(ConfiscationState.CONFIRMED));
            }
            assertThat(g.devnet.bitcoinRpc().getTxOut(new io.synod.chain.bitcoin.Outpoint(
                    new Txid(stake.displayTxid()), stake.vout()), true)).as("stake spent").isEmpty();
            // Member 1 has the record signed and sent; the others find it on the registry.
            assertThat(confiscators.get(1).step()).singleElement()
                    .satisfies(x -> assertThat(x.state()).isEqualTo(ConfiscationState.RECORDED));
            assertThat(g.registry().confiscated(culprit.address())).isTrue();
            assertThat(g.registry().confiscationRecord(culprit.address())).hasValueSatisfying(r -> {
                assertThat(r.confiscationTxid()).isEqualTo(txid);
                assertThat(r.stake()).isEqualTo(stake);
                assertThat(r.evidenceHash()).isEqualTo(Conviction.hashOf(evidence));
            });
            for (int i : new int[] {2, 3, 4}) {
                assertThat(confiscators.get(i).step()).singleElement()
                        .satisfies(x -> assertThat(x.state()).isEqualTo(ConfiscationState.RECORDED));
            }
            for (Confiscator c : confiscators.values()) {
                assertThat(c.step()).as("done: nothing moves any more").isEmpty();
            }
            // Nobody else lost anything: the others' stakes are unspent and none of them is confiscated.
            for (int i : new int[] {1, 2, 4}) {
                Outpoint o = g.stakes.get(g.member(i).address());
                assertThat(g.devnet.bitcoinRpc().getTxOut(new io.synod.chain.bitcoin.Outpoint(
                        new Txid(o.displayTxid()), o.vout()), true)).isPresent();
                assertThat(g.registry().confiscated(g.member(i).address())).isFalse();
                assertThat(g.member(1).book.confiscationOf(g.member(i).address())).isEmpty();
            }
            Confiscation done = g.member(4).book.confiscationOf(culprit.address()).orElseThrow();
            assertThat(done.evidenceHash()).isEqualTo(Conviction.hashOf(evidence));
        }
    }
}
