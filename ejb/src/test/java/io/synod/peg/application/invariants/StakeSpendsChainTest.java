package io.synod.peg.application.invariants;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.synod.chain.bitcoin.Utxo;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.membership.application.StakeSpendAction;
import io.synod.membership.application.StakeTransactions;
import io.synod.membership.domain.Candidacy;
import io.synod.membership.domain.ConfiscationRecord;
import io.synod.membership.domain.EpochRecord;
import io.synod.membership.domain.MembershipRegistry;
import io.synod.peg.application.pegout.PegOutHarness;
import io.synod.peg.domain.ledger.Account;
import io.synod.peg.domain.ledger.AlertLog;
import io.synod.peg.infrastructure.invariants.BcoinHoldings;
import io.synod.peg.infrastructure.invariants.JdbcAlertLog;
import io.synod.peg.infrastructure.invariants.Web3jSidechainSupply;
import io.synod.peg.infrastructure.memory.InMemoryDepositBook;
import io.synod.peg.infrastructure.node.BcoinAddressHistory;
import io.synod.peg.infrastructure.node.CandidacyStakes;
import io.synod.peg.infrastructure.node.RegistryStakes;
import io.synod.peg.infrastructure.node.StakeSpends;
import io.synod.peg.infrastructure.pegout.BcoinAddressIndex;
import io.synod.peg.infrastructure.persistence.PegDatabaseExtension;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/**
 * Stakes leaving the group, on real bcoin: a departed member's stake returned and a convicted member's stake moved to
 * the forfeiture output, each signed by the in-process group. The books follow the chain alone (no member's vote and
 * no local setting is consulted): a spend paying the member's own return script is a return, any other a
 * confiscation, even of a member that had asked to leave; both are booked out under the right account once a block
 * holds them, whatever epoch they were recorded in, and the invariants hold at every step (in the mempool the figures
 * give the spent stakes back; in a block the books have them out). The registry is a fixed table of epochs here: it
 * is not what is tested.
 */
class StakeSpendsChainTest {

    @RegisterExtension
    static final PegDatabaseExtension DATABASE = new PegDatabaseExtension();

    private static final String LEAVER = "0x" + "a1".repeat(20);
    private static final String STAYER = "0x" + "b2".repeat(20);
    private static final String CULPRIT = "0x" + "c3".repeat(20);
    private static final long STAKE = 1_000_000;
    /** The members' identity keys, public as the founding set and the registry's candidacies make them. */
    private static final Map<String, ECKey> IDENTITIES = Map.of(LEAVER, new ECKey(), STAYER, new ECKey(),
            CULPRIT, new ECKey());

    private static Optional<byte[]> returnScriptOf(String member) {
        return Optional.ofNullable(IDENTITIES.get(member))
                .map(k -> StakeTransactions.returnScript(java.util.Arrays.copyOfRange(k.decompress().getPubKey(), 1, 65)));
    }

    @Test
    void aReturnedAndAConfiscatedStakeAreBookedFromTheChainAndTheInvariantsHoldThroughout() {
        PegOutHarness h = new PegOutHarness(PegOutHarness.roomyPolicy());
        PegOutHarness.Member member = h.proposerMember();
        List<Utxo> coins = h.devnet.fundBitcoin(h.groupScript, io.synod.chain.bitcoin.Satoshis.of(STAKE), 3);
        Outpoint leaver = shared(coins.get(0));
        Outpoint stayer = shared(coins.get(1));
        Outpoint culprit = shared(coins.get(2));
        byte[] key = h.group.groupPublicKey();
        FixedEpochs registry = new FixedEpochs(List.of(
                epoch(1, key, List.of(LEAVER, STAYER, CULPRIT), List.of(unset(), unset(), unset())),
                epoch(2, key, List.of(LEAVER, STAYER, CULPRIT), List.of(leaver, stayer, culprit)),
                epoch(3, key, List.of(STAYER), List.of(stayer))), Map.of(LEAVER, 3L, CULPRIT, 3L));
        RegistryStakes stakes = new RegistryStakes(registry, h.devnet.bitcoinRpc());
        BcoinAddressHistory history = new BcoinAddressHistory(h.devnet.bitcoinRpcUrl(), h.devnet.bitcoinRpcPassword());
        byte[] forfeiture = ScriptBuilder.createP2WPKHOutputScript(new ECKey()).program();
        // The culprit had asked to leave too, and no forfeiture address is known to these books: the spend's
        // destination alone tells its confiscation from the leaver's return.
        StakeSpends spends = new StakeSpends(stakes, h.devnet.bitcoinRpc(), history, h.groupAddress,
                StakeSpendsChainTest::returnScriptOf);
        AlertLog alerts = new JdbcAlertLog(DATABASE.fresh().dataSource());
        java.util.Set<String> candidacies = new java.util.concurrent.CopyOnWriteArraySet<>();
        InvariantWatcher watcher = new InvariantWatcher(member.ledger, new NodeFigures(h.devnet.bitcoinRpc(),
                new Web3jSidechainSupply(member.client, h.deployment.addresses().token()),
                new BcoinHoldings(new BcoinAddressIndex(h.devnet.bitcoinRpcUrl(), h.devnet.bitcoinRpcPassword()),
                        h.groupAddress, List::of, 1, () -> Set.copyOf(candidacies)),
                member.store, new InMemoryDepositBook(), spends::spentInMempool), alerts, Clock.systemUTC());

        stakes.refresh(member.ledger);
        spends.book(member.ledger);
        assertThat(member.ledger.balance(Account.BTC_STAKES).value()).as("stakes of every epoch").isEqualTo(3 * STAKE);
        assertThat(stakes.stakes()).as("the guard counts the current epoch's").containsExactly(Satoshis.of(STAKE));
        assertThat(stakes.outpoints()).as("no payout spends a stake of any epoch: the leaver's and the culprit's "
                + "wait for their return and confiscation").containsExactlyInAnyOrder(coins.get(0).outpoint().toString(),
                coins.get(1).outpoint().toString(), coins.get(2).outpoint().toString());
        assertHolds(h, watcher);

        spend(h, ActionKind.STAKE_RETURN_INPUT, LEAVER, leaver, returnScriptOf(LEAVER).orElseThrow());
        spend(h, ActionKind.CONFISCATION_INPUT, CULPRIT, culprit, forfeiture);
        assertThat(spends.spentInMempool()).as("both spends wait in the mempool").isEqualTo(2 * STAKE);
        spends.book(member.ledger);
        assertThat(member.ledger.balance(Account.BTC_STAKES).value()).as("nothing booked from the mempool")
                .isEqualTo(3 * STAKE);
        assertHolds(h, watcher);

        h.devnet.mineBitcoin(1);
        assertThat(spends.spentInMempool()).isZero();
        spends.book(member.ledger);
        spends.book(member.ledger);
        assertThat(member.ledger.balance(Account.BTC_STAKES).value()).isEqualTo(STAKE);
        assertThat(member.ledger.balance(Account.STAKES_RETURNED).value()).isEqualTo(STAKE);
        assertThat(member.ledger.balance(Account.STAKES_CONFISCATED).value()).isEqualTo(STAKE);
        assertHolds(h, watcher);
        h.devnet.mineBitcoin(1);
        assertHolds(h, watcher);
        assertThat(alerts.latest(10)).as("no alert at any step").isEmpty();

        // A candidate's stake paid to the group's address is not the group's until an epoch names it: left out of
        // the figures as of the books. A payment nobody explains is not: it shows as held on chain, not in the books.
        Utxo candidate = h.devnet.fundBitcoin(h.groupScript, io.synod.chain.bitcoin.Satoshis.of(400_000), 1).get(0);
        candidacies.add(candidate.outpoint().toString());
        assertHolds(h, watcher);
        h.devnet.fundBitcoin(h.groupScript, io.synod.chain.bitcoin.Satoshis.of(7_000), 1);
        h.devnet.evmCall("evm_mine", "[]");
        assertThat(watcher.poll()).hasValueSatisfying(r -> assertThat(r.violations()).anySatisfy(v -> {
            assertThat(v.invariant()).isEqualTo(io.synod.peg.domain.ledger.InvariantChecker.Invariant
                    .BITCOIN_HELD_MATCHES_BOOKS);
            assertThat(v.difference()).isEqualTo(7_000);
        }));
    }

    /** One check at a fresh sidechain block (the watcher checks once per new block of either chain). */
    private static void assertHolds(PegOutHarness h, InvariantWatcher watcher) {
        h.devnet.evmCall("evm_mine", "[]");
        assertThat(watcher.poll()).hasValueSatisfying(r -> assertThat(r.violations()).as(r.evidence()).isEmpty());
    }

    @Test
    void aStakeConfiscatedWhileItsMemberIsStillInTheEpochBacksNothingInTheGuard() {
        PegOutHarness h = new PegOutHarness(PegOutHarness.roomyPolicy());
        PegOutHarness.Member member = h.proposerMember();
        List<Utxo> coins = h.devnet.fundBitcoin(h.groupScript, io.synod.chain.bitcoin.Satoshis.of(STAKE), 2);
        byte[] key = h.group.groupPublicKey();
        Outpoint culprit = shared(coins.get(1));
        FixedEpochs registry = new FixedEpochs(List.of(epoch(1, key, List.of(STAYER, CULPRIT),
                List.of(shared(coins.get(0)), culprit))), Map.of());
        RegistryStakes stakes = new RegistryStakes(registry, h.devnet.bitcoinRpc());
        StakeSpends spends = new StakeSpends(stakes, h.devnet.bitcoinRpc(), new BcoinAddressHistory(
                h.devnet.bitcoinRpcUrl(), h.devnet.bitcoinRpcPassword()), h.groupAddress,
                StakeSpendsChainTest::returnScriptOf);
        stakes.refresh(member.ledger);
        assertThat(stakes.stakes()).containsExactly(Satoshis.of(STAKE), Satoshis.of(STAKE));

        spend(h, ActionKind.CONFISCATION_INPUT, CULPRIT, culprit, ScriptBuilder.createP2WPKHOutputScript(new ECKey())
                .program());
        h.devnet.mineBitcoin(1);
        spends.book(member.ledger);
        stakes.refresh(member.ledger);
        assertThat(stakes.stakes()).as("the confiscated stake counts as zero until the epoch drops its member")
                .containsExactlyInAnyOrder(Satoshis.of(STAKE), Satoshis.of(0));
        assertThat(member.ledger.balance(Account.STAKES_CONFISCATED).value()).isEqualTo(STAKE);
    }

    @Test
    void onlyACandidatesOwnPaymentIsItsPendingStakeNotACoinTheGroupMade() {
        PegOutHarness h = new PegOutHarness(PegOutHarness.roomyPolicy());
        List<Utxo> coins = h.devnet.fundBitcoin(h.groupScript, io.synod.chain.bitcoin.Satoshis.of(STAKE), 2);
        Outpoint paidByCandidate = shared(coins.get(0));
        // A coin the group made: a group-signed spend paying the group's own script (like a sweep's output).
        io.synod.chain.bitcoin.Txid made = spend(h, ActionKind.STAKE_RETURN_INPUT, LEAVER, shared(coins.get(1)),
                h.groupScript.program());
        h.devnet.mineBitcoin(1);
        Outpoint groupMade = Outpoint.parse(made.hex() + ":0");
        byte[] key = h.group.groupPublicKey();
        FixedEpochs registry = new FixedEpochs(List.of(epoch(1, key, List.of(STAYER), List.of(unset()))), Map.of(),
                List.of(candidacy(paidByCandidate), candidacy(groupMade)));
        CandidacyStakes candidacies = new CandidacyStakes(registry, h.devnet.bitcoinRpc(), key);

        assertThat(candidacies.pending()).as("the candidate's payment only: a hostile candidacy naming the group's "
                + "coin neither freezes it nor hides it from the figures").containsExactly(paidByCandidate.toString());
    }

    private static Candidacy candidacy(Outpoint stake) {
        ECKey identity = new ECKey();
        byte[] key65 = identity.decompress().getPubKey();
        return new Candidacy(java.util.Arrays.copyOfRange(key65, 1, 65),
                io.synod.threshold.math.Secp256k1.G.multiply(java.math.BigInteger.TEN).normalize(), stake);
    }

    private static io.synod.chain.bitcoin.Txid spend(PegOutHarness h, ActionKind kind, String member, Outpoint stake,
            byte[] to) {
        byte[] key = h.group.groupPublicKey();
        StakeSpendAction a = new StakeSpendAction(kind, member, stake, Satoshis.of(STAKE), to, Satoshis.of(2_000));
        GroupSignature sig = h.signDigest(kind, StakeTransactions.sighash(a, key));
        io.synod.chain.bitcoin.Txid txid = h.devnet.bitcoinRpc().sendRawTransaction(
                StakeTransactions.signed(a, key, sig.r(), sig.s()));
        // bcoin's sendrawtransaction relays without waiting for its mempool to take the transaction
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
        while (h.devnet.bitcoinRpc().getMempoolEntry(txid).isEmpty()) {
            assertThat(System.nanoTime()).as("%s in bcoin's mempool", txid.hex()).isLessThan(deadline);
            Thread.onSpinWait();
        }
        return txid;
    }

    private static Outpoint shared(Utxo u) {
        return Outpoint.parse(u.outpoint().toString());
    }

    private static Outpoint unset() {
        return new Outpoint(new byte[32], 0);
    }

    private static EpochRecord epoch(long n, byte[] key33, List<String> members, List<Outpoint> stakes) {
        byte[] key65 = ECKey.fromPublicOnly(key33).decompress().getPubKey();
        return new EpochRecord(n, java.util.Arrays.copyOfRange(key65, 1, 65), 1, members, stakes);
    }

    /** The registry's epochs and leave requests as a fixed table; nothing else is read by the code under test. */
    private record FixedEpochs(List<EpochRecord> epochs, Map<String, Long> leaves, List<Candidacy> open)
            implements MembershipRegistry {

        FixedEpochs(List<EpochRecord> epochs, Map<String, Long> leaves) {
            this(epochs, leaves, List.of());
        }

        @Override
        public String address() {
            return "0x" + HexFormat.of().formatHex(new byte[20]);
        }

        @Override
        public long currentEpoch() {
            return epochs.size();
        }

        @Override
        public EpochRecord epoch(long epoch) {
            return epochs.get((int) epoch - 1);
        }

        @Override
        public long leaveRequestedIn(String member) {
            return leaves.getOrDefault(member, 0L);
        }

        @Override
        public int memberIndex(String member) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int nextIndex() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean confiscated(String member) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Candidacy> candidacy(String candidate) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Candidacy> openCandidacies() {
            return open;
        }

        @Override
        public byte[] candidacyDigest(Candidacy candidacy) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] epochDigest(EpochRecord next) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void registerCandidate(Candidacy candidacy, byte[] identitySignature) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void requestLeave() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void rotate(EpochRecord next, byte[] groupSignature) {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] confiscationDigest(ConfiscationRecord record) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordConfiscation(ConfiscationRecord record, byte[] groupSignature) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ConfiscationRecord> confiscationRecord(String member) {
            throw new UnsupportedOperationException();
        }
    }
}
