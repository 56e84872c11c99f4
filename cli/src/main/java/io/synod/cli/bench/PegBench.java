package io.synod.cli.bench;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

import io.synod.chain.FileCursorStore;
import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.FollowerCursor;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.deposit.DepositNonce;
import io.synod.chain.bitcoin.deposit.DepositScript;
import io.synod.chain.bitcoin.deposit.DepositTerms;
import io.synod.chain.bitcoin.deposit.RefundHeight;
import io.synod.chain.bitcoin.deposit.SidechainRecipient;
import io.synod.chain.bitcoin.deposit.SweepMargin;
import io.synod.chain.devnet.Devnet;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.EvmCursor;
import io.synod.chain.evm.GenesisEpoch;
import io.synod.chain.evm.LogFollower;
import io.synod.chain.evm.SynodDeployment;
import io.synod.chain.evm.contracts.Redemption;
import io.synod.chain.evm.contracts.WrappedBTC;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.coordination.infrastructure.memory.InProcessGroupSigning;
import io.synod.peg.application.invariants.NodeFigures;
import io.synod.peg.application.pegin.DepositWatcher;
import io.synod.peg.application.pegin.GuardView;
import io.synod.peg.application.pegin.MintCoordinator;
import io.synod.peg.application.pegin.MintVerifier;
import io.synod.peg.application.pegout.CompletionVerifier;
import io.synod.peg.application.pegout.MemberView;
import io.synod.peg.application.pegout.PayoutVerifier;
import io.synod.peg.application.pegout.PegOutPolicy;
import io.synod.peg.application.pegout.PegOutProposer;
import io.synod.peg.application.pegout.RedemptionIntake;
import io.synod.peg.domain.ledger.InvariantChecker;
import io.synod.peg.domain.ledger.PegEntries;
import io.synod.peg.domain.pegin.OneWayBetGuard;
import io.synod.peg.domain.pegin.PegInPolicy;
import io.synod.peg.domain.pegin.PegInSidechain;
import io.synod.peg.domain.pegin.StakeView;
import io.synod.peg.domain.pegout.RedemptionStatus;
import io.synod.peg.domain.pegout.WithdrawalLimits;
import io.synod.peg.infrastructure.invariants.BcoinHoldings;
import io.synod.peg.infrastructure.invariants.Web3jSidechainSupply;
import io.synod.peg.infrastructure.memory.InMemoryDepositBook;
import io.synod.peg.infrastructure.memory.InMemoryLedger;
import io.synod.peg.infrastructure.pegin.Web3PegInSidechain;
import io.synod.peg.infrastructure.pegout.BcoinAddressIndex;
import io.synod.peg.infrastructure.pegout.BcoinGroupCoins;
import io.synod.peg.infrastructure.pegout.InMemoryPegOutStore;
import io.synod.peg.infrastructure.pegout.Web3jSidechainRedemptions;

/**
 * The peg driven as a node's timers would drive it, by one thread: 4 members (t = 1, 3 signers), each with its own
 * book, ledger, store, chain clients and verifiers, signing in process with the real threshold protocol. One
 * confirmation for a deposit and one block of sidechain finality for a redemption; blocks are mined on demand.
 * Each round, every member polls its followers, then every member's coordinator and the proposer (member 1) step.
 */
final class PegBench {

    static final int N = 4;
    static final int T = 1;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long DEPOSIT_SATS = 1_000_000;
    private static final long REDEMPTION_SATS = 200_000;
    private static final Duration GIVE_UP = Duration.ofMinutes(5);

    private final Devnet devnet;
    private final Path dir;
    private final BitcoinRpcClient rpc;
    private final PegInPolicy pegIn = new PegInPolicy(Satoshis.of(10_000), Satoshis.of(100_000_000), 1,
            new SweepMargin(10), Duration.ofSeconds(30));
    private final PegOutPolicy pegOut = new PegOutPolicy(1, 1,
            new FeePolicy(FeeRate.satPerVbyte(1), FeeRate.satPerVbyte(20), 6),
            new WithdrawalLimits(io.synod.shared.domain.Satoshis.of(10_000_000),
                    io.synod.shared.domain.Satoshis.of(1_000_000_000), 6, 20), 3, 2, 3, Duration.ofSeconds(60));
    private final Map<Integer, Member> members = new TreeMap<>();
    private InProcessGroupSigning group;
    private SynodDeployment deployment;
    private Script groupScript;
    private EvmClient user;
    private PegOutProposer proposer;
    /** Only while the contracts are deployed: the group signs the evidence contract's binding digest. */
    private volatile boolean deploying = true;

    /** What the bench measured. */
    record Figures(List<Long> mintMs, List<Long> payoutMs, int deposits, long depositsWallMs, int redemptions,
            long redemptionsWallMs, int batches, boolean settled, boolean booksBalance, String loadBefore,
            String loadAfter) {

        String toJson() {
            return String.format(Locale.ROOT, "{\"bench\":\"peg\",\"members\":%d,\"t\":%d,\"depositConfirmations\":1,"
                    + "\"sidechainFinality\":1,\"confirmationToMintMs\":%s,\"finalityToPayoutBroadcastMs\":%s,"
                    + "\"deposits\":%d,\"depositsMintedPerMinute\":%.1f,\"redemptions\":%d,\"payoutBatches\":%d,"
                    + "\"redemptionsPaidPerMinute\":%.1f,\"settled\":%s,\"booksBalance\":%s,\"cores\":%d,"
                    + "\"loadAverage\":\"%s -> %s\"}",
                    N, T, stats(mintMs), stats(payoutMs), deposits, perMinute(deposits, depositsWallMs), redemptions,
                    batches, perMinute(redemptions, redemptionsWallMs), settled, booksBalance,
                    Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter);
        }

        private static String stats(List<Long> ms) {
            List<Long> s = ms.stream().sorted().toList();
            return String.format(Locale.ROOT, "{\"median\":%d,\"p95\":%d,\"min\":%d,\"max\":%d,\"samples\":%d}",
                    percentile(s, 50), percentile(s, 95), s.get(0), s.get(s.size() - 1), s.size());
        }

        /** Nearest-rank percentile. */
        private static long percentile(List<Long> sorted, int p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }

        private static double perMinute(int count, long wallMs) {
            return count * 60_000.0 / Math.max(1, wallMs);
        }
    }

    /** One member: its own state, its own sidechain account and its own view of both chains. */
    private final class Member {
        final int index;
        final InMemoryDepositBook book = new InMemoryDepositBook();
        final InMemoryLedger ledger = new InMemoryLedger();
        final InMemoryPegOutStore store = new InMemoryPegOutStore();
        PegInSidechain sidechain;
        GuardView guard;
        DepositWatcher watcher;
        MintCoordinator coordinator;
        MemberView view;
        RedemptionIntake intake;
        LogFollower follower;

        Member(int index) {
            this.index = index;
        }

        ActionVerifiers verifiers() {
            return ActionVerifiers.of(
                    new Deferred(ActionKind.MINT, () -> new MintVerifier(book, pegIn, rpc, sidechain, () -> guard)),
                    new Deferred(ActionKind.REDEMPTION_PAYOUT_INPUT, () -> new PayoutVerifier(view)),
                    new Deferred(ActionKind.REDEMPTION_COMPLETION, () -> new CompletionVerifier(view)),
                    new DeploymentBinding());
        }

        void poll() {
            watcher.poll();
            follower.poll(intake);
            intake.queueFinal(view.sidechain().head());
        }
    }

    PegBench(Devnet devnet, Path dir) {
        this.devnet = devnet;
        this.dir = dir;
        this.rpc = devnet.bitcoinRpc();
    }

    Figures run(int samples, int depositCount, int redemptionCount, Consumer<String> progress) throws Exception {
        String loadBefore = loadAverage();
        setUp();
        progress.accept("group of " + N + " (t=" + T + ") deployed; timing " + samples + " peg-ins");
        List<Long> mintMs = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            mintMs.add(timedPegIn());
        }
        progress.accept("throughput: " + depositCount + " deposits");
        long depositsWall = pegIns(depositCount);
        // The group's main output pays redemptions (deposits are swept into it in production; here it is funded).
        fundGroup(50_000_000, 4);
        WrappedBTC token = WrappedBTC.load(deployment.addresses().token(), user.web3j(), user.transactionManager(),
                user.gasProvider());
        token.approve(deployment.addresses().redemption(), BigInteger.TEN.pow(18)).send();
        progress.accept("timing " + samples + " peg-outs");
        List<Long> payoutMs = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            payoutMs.add(timedPegOut());
        }
        progress.accept("throughput: " + redemptionCount + " redemptions");
        int batchesBefore = batches();
        long redemptionsWall = pegOuts(redemptionCount);
        boolean settled = members.get(1).store.redemptions(Set.of(RedemptionStatus.values())).stream()
                .allMatch(r -> r.status() == RedemptionStatus.COMPLETED);
        // A member books a mint it did not submit when its coordinator next runs: one more round, as its timer would.
        members.values().forEach(m -> m.coordinator.tick());
        InvariantChecker.Report books = invariants();
        books.violations().forEach(v -> progress.accept("INVARIANT " + v));
        return new Figures(mintMs, payoutMs, depositCount, depositsWall, redemptionCount, redemptionsWall,
                batches() - batchesBefore, settled, books.holds(), loadBefore, loadAverage());
    }

    /** Faucet coins to the group's main output, booked by every member as deposits swept into it. */
    private void fundGroup(long amount, int count) {
        for (io.synod.chain.bitcoin.Utxo u : devnet.fundBitcoin(groupScript, Satoshis.of(amount), count)) {
            io.synod.shared.domain.Outpoint op = io.synod.shared.domain.Outpoint.parse(u.outpoint().toString());
            io.synod.shared.domain.Satoshis v = io.synod.shared.domain.Satoshis.of(u.value().value());
            for (Member m : members.values()) {
                m.ledger.record(PegEntries.depositConfirmed(op, v, "faucet", 0));
                m.ledger.record(PegEntries.depositsSwept(u.outpoint().toString(), v,
                        io.synod.shared.domain.Satoshis.ZERO, "faucet", 0));
            }
        }
    }

    /** The proposer's books (it books the payouts) against both chains, read from its own nodes. */
    private InvariantChecker.Report invariants() {
        Member first = members.get(1);
        NodeFigures figures = new NodeFigures(rpc, new Web3jSidechainSupply(user, deployment.addresses().token()),
                new BcoinHoldings(new BcoinAddressIndex(devnet.bitcoinRpcUrl(), devnet.bitcoinRpcPassword()),
                        devnet.bitcoinNetwork().address(groupScript),
                        () -> first.book.reveals().stream().map(r -> r.script().address(devnet.bitcoinNetwork())).toList(),
                        pegIn.confirmations()),
                first.store, first.book);
        return new InvariantChecker().check(first.ledger, figures.read(figures.tips()));
    }

    private void setUp() throws IOException {
        group = InProcessGroupSigning.generate(N, T, i -> members.computeIfAbsent(i, Member::new).verifiers());
        byte[] groupKey = group.groupPublicKey();
        groupScript = ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(groupKey));
        byte[] key64 = Arrays.copyOfRange(ECKey.fromPublicOnly(groupKey).decompress().getPubKey(), 1, 65);
        List<ECKeyPair> accounts = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            accounts.add(key());
        }
        List<Outpoint> stakes = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            stakes.add(new Outpoint(new Txid(hex(random32())), 0));
        }
        EvmClient operator = client(key());
        deployment = SynodDeployment.deploy(operator, new GenesisEpoch(key64, T,
                accounts.stream().map(k -> Credentials.create(k).getAddress()).toList(), stakes),
                digest -> sign(new BindingDigest(digest)));
        deploying = false;
        user = client(key());
        BlockHeight start = rpc.getBlockCount().next();
        long evmHead = operator.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        StakeView bigStakes = new StakeView() {
            @Override
            public List<io.synod.shared.domain.Satoshis> stakes() {
                return List.of(io.synod.shared.domain.Satoshis.of(100_000_000_000L),
                        io.synod.shared.domain.Satoshis.of(100_000_000_000L),
                        io.synod.shared.domain.Satoshis.of(100_000_000_000L),
                        io.synod.shared.domain.Satoshis.of(100_000_000_000L));
            }

            @Override
            public int threshold() {
                return T;
            }
        };
        OneWayBetGuard guard = new OneWayBetGuard(50);
        List<Integer> indices = List.copyOf(members.keySet());
        for (Member m : members.values()) {
            EvmClient client = client(accounts.get(m.index - 1));
            SynodDeployment attached = SynodDeployment.attach(client, deployment.addresses());
            Path own = Files.createDirectories(dir.resolve("member-" + m.index));
            m.sidechain = new Web3PegInSidechain(client, deployment.addresses());
            m.guard = new GuardView(guard, bigStakes, m.book, m.sidechain);
            m.watcher = new DepositWatcher(rpc, new FileCursorStore<>(own.resolve("bitcoin.json"), FollowerCursor.class),
                    m.sidechain, m.book, m.ledger, pegIn, groupKey, start, 30);
            m.coordinator = new MintCoordinator(m.index, indices, m.book, m.ledger, pegIn, rpc, m.sidechain, group,
                    m.guard, Clock.systemUTC());
            m.view = new MemberView(m.store, rpc, new Web3jSidechainRedemptions(client, attached), group::groupPublicKey,
                    pegOut);
            m.intake = new RedemptionIntake(m.store, m.ledger, deployment.addresses().redemption(),
                    pegOut.sidechainFinality());
            m.follower = new LogFollower(client.web3j(), Set.of(deployment.addresses().redemption()), 0, 64, evmHead,
                    new FileCursorStore<>(own.resolve("sidechain.json"), EvmCursor.class));
        }
        Member first = members.get(1);
        proposer = new PegOutProposer(first.view, group, new BcoinGroupCoins(devnet.bitcoinRpcUrl(),
                devnet.bitcoinRpcPassword(), devnet.bitcoinNetwork().address(groupScript), hex(groupScript.program())),
                devnet.bitcoinBroadcaster(), first.ledger);
    }

    /** One deposit, from the block that gives it its last confirmation to its mint mined on the sidechain. */
    private long timedPegIn() throws Exception {
        Outpoint o = pay(reveal());
        long t0 = System.nanoTime();
        awaitMinted(Set.of(o));
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** {@code count} deposits paid one block after another, then minted; wall time from the last block. */
    private long pegIns(int count) throws Exception {
        List<DepositScript> scripts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            scripts.add(reveal());
        }
        Set<Outpoint> outpoints = new HashSet<>();
        for (DepositScript s : scripts) {
            outpoints.add(pay(s));
        }
        long t0 = System.nanoTime();
        awaitMinted(outpoints);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** One redemption, from the sidechain block that makes it final to its payout in the node's mempool. */
    private long timedPegOut() throws Exception {
        long seq = burn();
        pollAll();
        mineSidechain(pegOut.sidechainFinality());
        long t0 = System.nanoTime();
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (!reached(seq, RedemptionStatus.BROADCAST)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redemption " + seq + " not broadcast within " + GIVE_UP);
            }
            pollAll();
            proposer.step();
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        settle(Set.of(seq));
        return ms;
    }

    /** {@code count} redemptions burned, made final, then paid in batches (one block mined per round). */
    private long pegOuts(int count) throws Exception {
        Set<Long> seqs = new HashSet<>();
        for (int i = 0; i < count; i++) {
            seqs.add(burn());
        }
        mineSidechain(pegOut.sidechainFinality());
        long t0 = System.nanoTime();
        settle(seqs);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** Rounds (poll, proposer step, one Bitcoin block) until every one of {@code seqs} is completed. */
    private void settle(Set<Long> seqs) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (!seqs.stream().allMatch(s -> reached(s, RedemptionStatus.COMPLETED))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redemptions not completed within " + GIVE_UP);
            }
            pollAll();
            proposer.step();
            if (!members.get(1).store.redemptions(Set.of(RedemptionStatus.BROADCAST)).isEmpty()) {
                devnet.mineBitcoin(1);
            }
        }
    }

    private boolean reached(long seq, RedemptionStatus status) {
        return members.get(1).store.redemption(seq).map(r -> r.status().compareTo(status) >= 0).orElse(false);
    }

    private void awaitMinted(Set<Outpoint> outpoints) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        PegInSidechain view = members.get(1).sidechain;
        Set<Outpoint> left = new HashSet<>(outpoints);
        while (!left.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(left.size() + " deposits not minted within " + GIVE_UP);
            }
            members.values().forEach(m -> m.watcher.poll());
            members.values().forEach(m -> m.coordinator.tick());
            left.removeIf(view::isMinted);
        }
    }

    private void pollAll() {
        members.values().forEach(Member::poll);
    }

    private DepositScript reveal() throws Exception {
        SidechainRecipient to = SidechainRecipient.parse(user.address());
        DepositTerms terms = new DepositTerms(to, new ECKey().getPubKey(),
                RefundHeight.of(rpc.getBlockCount().value() + 1_000), DepositNonce.random(RANDOM));
        SynodDeployment.attach(user, deployment.addresses()).token().revealDeposit(to.toString(), terms.nonce().bytes(),
                terms.refundPublicKey(), BigInteger.valueOf(terms.refundHeight().value())).send();
        // Members read the reveal before the payment's block: they watch a script once its reveal is read.
        members.values().forEach(m -> m.watcher.poll());
        return DepositScript.of(group.groupPublicKey(), terms);
    }

    /** Pays the script in a new block: with one required confirmation, that block is the last one it needs. */
    private Outpoint pay(DepositScript script) {
        return devnet.fundBitcoin(script.outputScript(), Satoshis.of(DEPOSIT_SATS), 1).get(0).outpoint();
    }

    private long burn() throws Exception {
        Redemption redemption = Redemption.load(deployment.addresses().redemption(), user.web3j(),
                user.transactionManager(), user.gasProvider());
        var receipt = redemption.requestRedemption(BigInteger.valueOf(REDEMPTION_SATS),
                ScriptBuilder.createP2WPKHOutputScript(new ECKey()).program()).send();
        return Redemption.getRedemptionRequestedEvents(receipt).get(0).sequence.longValueExact();
    }

    private int batches() {
        return members.get(1).store.batches(java.util.EnumSet.allOf(io.synod.peg.domain.pegout.BatchState.class)).size();
    }

    private void mineSidechain(int blocks) {
        for (int i = 0; i < blocks; i++) {
            devnet.evmCall("evm_mine", "[]");
        }
    }

    private byte[] sign(SignableAction action) {
        try {
            return group.sign(action, Duration.ofSeconds(30)).ethereum();
        } catch (SigningFailed e) {
            throw new IllegalStateException(e);
        }
    }

    private EvmClient client(ECKeyPair k) {
        Credentials c = Credentials.create(k);
        devnet.fundEvm(c.getAddress(), BigInteger.TEN.pow(20));
        return EvmClient.connect(devnet.evmRpcUrl(), devnet.evmChainId(), c);
    }

    private static ECKeyPair key() {
        try {
            return Keys.createEcKeyPair(RANDOM);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] random32() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The evidence contract's binding at deployment: a digest the deployer computes, signed only while deploying. */
    private record BindingDigest(byte[] digest) implements SignableAction {
        @Override
        public ActionKind kind() {
            return ActionKind.EVIDENCE_BINDING;
        }

        @Override
        public byte[] encode() {
            return digest.clone();
        }
    }

    private final class DeploymentBinding implements ActionVerifier {
        @Override
        public ActionKind kind() {
            return ActionKind.EVIDENCE_BINDING;
        }

        @Override
        public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
            if (!deploying || encodedAction.length != 32) {
                throw new ActionRefused(ActionKind.EVIDENCE_BINDING, "only the deployment's binding digest is signed");
            }
            return SigningTarget.untweaked(encodedAction);
        }
    }

    /** A verifier made on first use: a member's view exists only once the group key it checks against does. */
    /** Made on first use, then kept, as a member's server keeps its verifiers (and their caches of the chains). */
    private static final class Deferred implements ActionVerifier {
        private final ActionKind kind;
        private final Supplier<ActionVerifier> make;
        private ActionVerifier made;

        Deferred(ActionKind kind, Supplier<ActionVerifier> make) {
            this.kind = kind;
            this.make = make;
        }

        @Override
        public ActionKind kind() {
            return kind;
        }

        @Override
        public synchronized SigningTarget approve(byte[] encodedAction) throws ActionRefused {
            if (made == null) {
                made = make.get();
            }
            return made.approve(encodedAction);
        }
    }
}
