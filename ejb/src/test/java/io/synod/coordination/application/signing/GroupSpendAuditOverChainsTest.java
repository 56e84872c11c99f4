package io.synod.coordination.application.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Test;

import io.synod.chain.bitcoin.Utxo;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.membership.application.DigestAuditor;
import io.synod.membership.application.GroupSpendAudit;
import io.synod.membership.application.StakeSpendAction;
import io.synod.membership.application.StakeTransactions;
import io.synod.membership.infrastructure.memory.InMemoryMembershipBook;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/**
 * The unapproved-digest audit over Bitcoin as a server runs it: the group (four members over the real board) signs
 * a spend of an output of the group key, which is mined on bcoin. The audit recomputes the input's BIP 143 digest
 * from the block and the spent output on its node: a member that approved the action finds nothing to say; a
 * member whose approved actions do not produce that digest convicts exactly the members that posted partials with
 * the presignature that made it (found by the nonce).
 */
class GroupSpendAuditOverChainsTest {

    /** Approves any stake spend: only the digest matters here (the real checks are StakeSpendVerifier's). */
    private static ActionVerifiers spends(java.util.function.Supplier<byte[]> groupKey) {
        return ActionVerifiers.of(new ActionVerifier() {
            @Override
            public ActionKind kind() {
                return ActionKind.CONFISCATION_INPUT;
            }

            @Override
            public SigningTarget approve(byte[] encoded) {
                return SigningTarget.untweaked(StakeTransactions.sighash(
                        StakeSpendAction.decode(ActionKind.CONFISCATION_INPUT, encoded), groupKey.get()));
            }
        });
    }

    @Test
    void aSpendTheGroupApprovedIsCleanAndOneNobodyApprovedConvictsItsContributors() throws Exception {
        byte[][] key = new byte[1][];
        try (SigningHarness h = new SigningHarness(4, 1, 10_000, i -> spends(() -> key[0]))) {
            // (the verifiers read the key once the harness exists; nothing is signed before)
            key[0] = h.member(1).groupPublicKey();
            byte[] groupKey = key[0];
            h.drive(i -> i != 1);
            BoardGroupSigning port = new BoardGroupSigning(h.member(1), Duration.ofMillis(25));
            h.drive(i -> i == 1);
            Utxo coin = h.devnet.fundBitcoin(ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(groupKey)),
                    new io.synod.chain.bitcoin.Satoshis(500_000), 1).get(0);
            InMemoryMembershipBook approvedHere = new InMemoryMembershipBook();
            InMemoryMembershipBook approvedNothing = new InMemoryMembershipBook();
            GroupSpendAudit clean = new GroupSpendAudit(h.devnet.bitcoinRpc(), groupKey, approvedHere,
                    Clock.systemUTC());
            GroupSpendAudit blind = new GroupSpendAudit(h.devnet.bitcoinRpc(), groupKey, approvedNothing,
                    Clock.systemUTC());
            SigningEvents none = SigningEvents.of(1, h.member(1));
            assertThat(clean.scan(none)).as("starts at the tip").isEmpty();
            assertThat(blind.scan(none)).isEmpty();

            StakeSpendAction spend = new StakeSpendAction(ActionKind.CONFISCATION_INPUT, h.members.member(4).address(),
                    Outpoint.parse(coin.outpoint().txid().hex() + ":" + coin.outpoint().vout()),
                    new Satoshis(500_000), ScriptBuilder.createP2WPKHOutputScript(new ECKey()).program(),
                    new Satoshis(2_000));
            GroupSignature sig = port.sign(spend, SigningOverBoardTest.TIMEOUT);
            h.devnet.bitcoinBroadcaster().broadcast(StakeTransactions.signed(spend, groupKey, sig.r(), sig.s()));
            h.devnet.mineBitcoin(1);
            SigningOverBoardTest.await(() -> !h.member(1).presignatureUses().isEmpty()
                    && h.member(1).presignatureUses().get(0).contributors().size() >= 3, "the partials to be read");

            SigningEvents seen = SigningEvents.of(1, h.member(1));
            assertThat(clean.scan(seen)).as("approved here: nothing to say").isEmpty();
            assertThat(approvedHere.convictions()).isEmpty();

            SigningEvents withoutApprovals = new SigningEvents(seen.epoch(), seen.self(), seen.members(), List.of(),
                    List.of(), List.of(), List.of(), seen.presignatures(), seen.headBlock());
            List<DigestAuditor.Unapproved> found = blind.scan(withoutApprovals);
            assertThat(found).singleElement().satisfies(u -> {
                assertThat(u.session()).contains(seen.outcomes().get(0).session());
                assertThat(u.culprits()).containsExactlyInAnyOrderElementsOf(
                        seen.presignatures().get(0).contributors());
            });
            assertThat(approvedNothing.convictions()).hasSize(found.get(0).culprits().size())
                    .allSatisfy(c -> assertThat(c.evidenceKind()).isEqualTo("UnapprovedGroupSignature"));
            assertThat(approvedNothing.exclusions()).hasSize(found.get(0).culprits().size());
        }
    }
}
