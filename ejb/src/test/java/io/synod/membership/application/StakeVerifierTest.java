package io.synod.membership.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Test;

import io.synod.chain.bitcoin.Utxo;
import io.synod.chain.devnet.Devnet;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.membership.domain.StakePolicy;
import io.synod.membership.domain.StakeRefusal;
import io.synod.membership.domain.StakeRefusalReason;
import io.synod.membership.domain.StakeVerdict;
import io.synod.membership.infrastructure.memory.InMemoryMembershipBook;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/** A candidate's stake checked against a real bcoin node: every refusal reason, and acceptance. */
class StakeVerifierTest {
    private static final String CANDIDATE = "0x00000000000000000000000000000000000000c1";

    private final Devnet devnet = Devnet.shared();
    private final ECKey group = new ECKey();
    private final Script groupScript = ScriptBuilder.createP2WPKHOutputScript(group);
    private final InMemoryMembershipBook refusals = new InMemoryMembershipBook();
    private final StakeVerifier verifier = new StakeVerifier(devnet.bitcoinRpc(), group.getPubKey(),
            new StakePolicy(new Satoshis(100_000), 3), refusals, Clock.systemUTC());

    private Outpoint pay(Script script, long sats) {
        Utxo u = devnet.fundBitcoin(script, new io.synod.chain.bitcoin.Satoshis(sats), 1).get(0);
        return Outpoint.parse(u.outpoint().txid().hex() + ":" + u.outpoint().vout());
    }

    private StakeRefusalReason refusal(Outpoint stake, Set<Outpoint> inUse) {
        StakeVerdict v = verifier.verify(CANDIDATE, stake, inUse);
        assertThat(v.accepted()).as("refused: %s", stake).isFalse();
        return ((StakeVerdict.Refused) v).refusal().reason();
    }

    @Test
    void aStakeThatPaysTheGroupEnoughAndIsBuriedDeepEnoughIsAccepted() {
        Outpoint stake = pay(groupScript, 250_000);
        devnet.mineBitcoin(2);
        StakeVerdict v = verifier.verify(CANDIDATE, stake, Set.of());
        assertThat(v).isInstanceOfSatisfying(StakeVerdict.Accepted.class, a -> {
            assertThat(a.value()).isEqualTo(new Satoshis(250_000));
            assertThat(a.confirmations()).isGreaterThanOrEqualTo(3);
        });
        assertThat(refusals.list()).isEmpty();
    }

    @Test
    void missingSpentForeignSmallUnconfirmedAndReusedStakesAreRefusedWithTheirReason() {
        Outpoint good = pay(groupScript, 250_000);
        Outpoint small = pay(groupScript, 99_999);
        Outpoint foreign = pay(ScriptBuilder.createP2WPKHOutputScript(new ECKey()), 250_000);
        devnet.mineBitcoin(2);
        Outpoint spent = pay(groupScript, 250_000);
        devnet.mineBitcoin(2);
        // Spend it with the group key (a plain key here) through the same transaction shape a stake return uses.
        StakeSpendAction spend = new StakeSpendAction(ActionKind.STAKE_RETURN_INPUT, CANDIDATE, spent,
                new Satoshis(250_000), ScriptBuilder.createP2WPKHOutputScript(new ECKey()).program(),
                new Satoshis(1_000));
        ECKey.ECDSASignature sig = group.sign(org.bitcoinj.base.Sha256Hash.wrap(
                StakeTransactions.sighash(spend, group.getPubKey())));
        devnet.bitcoinBroadcaster().broadcast(StakeTransactions.signed(spend, group.getPubKey(), sig.r, sig.s));
        devnet.mineBitcoin(1);
        Outpoint fresh = pay(groupScript, 250_000);

        Outpoint never = Outpoint.parse("11".repeat(32) + ":0");
        Outpoint pastLastOutput = new Outpoint(good.txid(), 40);
        assertThat(refusal(never, Set.of())).isEqualTo(StakeRefusalReason.MISSING);
        assertThat(refusal(pastLastOutput, Set.of())).isEqualTo(StakeRefusalReason.MISSING);
        assertThat(refusal(spent, Set.of())).isEqualTo(StakeRefusalReason.SPENT);
        assertThat(refusal(foreign, Set.of())).isEqualTo(StakeRefusalReason.WRONG_ADDRESS);
        assertThat(refusal(small, Set.of())).isEqualTo(StakeRefusalReason.BELOW_MINIMUM);
        assertThat(refusal(fresh, Set.of())).isEqualTo(StakeRefusalReason.UNCONFIRMED);
        assertThat(refusal(good, Set.of(good))).isEqualTo(StakeRefusalReason.ALREADY_USED);
        // the same good stake, not in use, passes: each refusal above was for its own reason only
        assertThat(verifier.verify(CANDIDATE, good, Set.of(small)).accepted()).isTrue();

        List<StakeRefusal> listed = refusals.list();
        assertThat(listed).extracting(StakeRefusal::reason).containsExactly(StakeRefusalReason.MISSING,
                StakeRefusalReason.MISSING, StakeRefusalReason.SPENT, StakeRefusalReason.WRONG_ADDRESS,
                StakeRefusalReason.BELOW_MINIMUM, StakeRefusalReason.UNCONFIRMED, StakeRefusalReason.ALREADY_USED);
        assertThat(listed).allSatisfy(r -> assertThat(r.candidate()).isEqualTo(CANDIDATE));
        assertThat(listed.get(4).detail()).contains("99999 sat").contains("100000 sat");
        assertThat(listed.get(5).detail()).startsWith("1 of 3");
    }

    @Test
    void anOutputTheGroupPaidToItselfIsTheGroupsCoinNotACandidatesStake() {
        Outpoint groupCoin = pay(groupScript, 300_000);
        devnet.mineBitcoin(1);
        // The group spends one of its coins back to its own script (a sweep's output or a payout's change looks so):
        // paid to the group's address, big enough and buried deep enough, and still nobody's stake.
        StakeSpendAction toItself = new StakeSpendAction(ActionKind.STAKE_RETURN_INPUT, CANDIDATE, groupCoin,
                new Satoshis(300_000), groupScript.program(), new Satoshis(1_000));
        ECKey.ECDSASignature sig = group.sign(org.bitcoinj.base.Sha256Hash.wrap(
                StakeTransactions.sighash(toItself, group.getPubKey())));
        io.synod.chain.bitcoin.Txid change = devnet.bitcoinBroadcaster().broadcast(
                StakeTransactions.signed(toItself, group.getPubKey(), sig.r, sig.s));
        devnet.mineBitcoin(3);
        Outpoint named = Outpoint.parse(change.hex() + ":0");

        assertThat(refusal(named, Set.of())).isEqualTo(StakeRefusalReason.ALREADY_USED);
        assertThat(refusals.list()).singleElement().satisfies(r -> assertThat(r.detail())
                .contains("the group's own coin").contains(groupCoin.toString()));
        // A candidate's own payment of the same shape passes.
        Outpoint own = pay(groupScript, 300_000);
        devnet.mineBitcoin(3);
        assertThat(verifier.verify(CANDIDATE, own, Set.of()).accepted()).isTrue();
    }
}
