package io.synod.peg.application.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;

import io.synod.chain.FileCursorStore;
import io.synod.chain.bitcoin.BitcoinNetwork;
import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.Broadcaster;
import io.synod.chain.bitcoin.FollowerCursor;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.EvmCursor;
import io.synod.chain.evm.LogFollower;
import io.synod.chain.evm.SynodDeployment;
import io.synod.coordination.application.signing.SigningContext;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.membership.infrastructure.evm.EvmMembershipRegistry;
import io.synod.membership.application.RegistryMembers;
import io.synod.membership.application.StakeTransactions;
import io.synod.peg.application.invariants.InvariantWatcher;
import io.synod.peg.application.invariants.NodeFigures;
import io.synod.peg.application.pegin.DepositSweeper;
import io.synod.peg.application.pegin.DepositWatcher;
import io.synod.peg.application.pegin.GuardView;
import io.synod.peg.application.pegin.MintCoordinator;
import io.synod.peg.application.pegin.MintVerifier;
import io.synod.peg.application.pegin.NonQualifyingRefunder;
import io.synod.peg.application.pegin.RefundVerifier;
import io.synod.peg.application.pegin.SweepVerifier;
import io.synod.peg.application.pegout.ChainPayouts;
import io.synod.peg.application.pegout.CompletionVerifier;
import io.synod.peg.application.pegout.MemberView;
import io.synod.peg.application.pegout.PayoutVerifier;
import io.synod.peg.application.pegout.PegOutProposer;
import io.synod.peg.application.pegout.RedemptionIntake;
import io.synod.peg.application.views.GuardSnapshot;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.OneWayBetGuard;
import io.synod.peg.domain.pegin.PegInSidechain;
import io.synod.peg.domain.pegout.PegOutStore;
import io.synod.peg.infrastructure.invariants.BcoinHoldings;
import io.synod.peg.infrastructure.invariants.JdbcAlertLog;
import io.synod.peg.infrastructure.invariants.Web3jSidechainSupply;
import io.synod.peg.infrastructure.node.BcoinAddressHistory;
import io.synod.peg.infrastructure.node.CandidacyStakes;
import io.synod.peg.infrastructure.node.ChainSweeps;
import io.synod.peg.infrastructure.node.StakeSpends;
import io.synod.peg.infrastructure.node.PegTransactions;
import io.synod.peg.infrastructure.node.RegistryStakes;
import io.synod.peg.infrastructure.node.StakeFreeCoins;
import io.synod.peg.infrastructure.node.TransactionalDepositBook;
import io.synod.peg.infrastructure.node.TransactionalLedger;
import io.synod.peg.infrastructure.pegin.Web3PegInSidechain;
import io.synod.peg.infrastructure.pegout.BcoinAddressIndex;
import io.synod.peg.infrastructure.pegout.BcoinGroupCoins;
import io.synod.peg.infrastructure.pegout.JdbcPegOutStore;
import io.synod.peg.infrastructure.pegout.Web3jSidechainRedemptions;

/**
 * One member's peg, wired on the server's own stores (JPA deposit book and ledger, JDBC peg-out store and alert
 * log), its own chain clients (from the signing context) and the group's signing port. Every member watches
 * deposits, takes its turn at submitting mints (MintCoordinator's rank and takeover), follows the redemption
 * contract, books the chains' evidence (stakes, sweeps, payouts) and checks the invariants at every new block. One
 * member, the proposer, also builds sweeps and payout batches (and their fee bumps and completions); the others
 * check each of its proposals with their own verifiers and follow its batches from the chain.
 */
final class PegRuntime {
    private static final Logger LOG = Logger.getLogger(PegRuntime.class.getName());
    private static final HexFormat HEX = HexFormat.of();
    /** Extra sidechain blocks the proposer waits before it batches a burn (see the intake below). */
    private static final int PROPOSER_LAG_BLOCKS = 3;

    private final SigningContext context;
    private final boolean proposer;
    private final ProposerRank rank;
    private final Supplier<? extends Collection<Integer>> suspected;
    private boolean proposing;
    private long adoptedAt = -1;
    private final RegistryStakes stakes;
    private final OneWayBetGuard guard;
    private final GuardView guardView;
    private final Ledger ledger;
    private final MintVerifier mintVerifier;
    private final SweepVerifier sweepVerifier;
    private final RefundVerifier refundVerifier;
    private final PayoutVerifier payoutVerifier;
    private final CompletionVerifier completionVerifier;
    private final DepositWatcher watcher;
    private final MintCoordinator mints;
    private final DepositSweeper sweeper;
    private final ChainSweeps chainSweeps;
    private final StakeSpends stakeSpends;
    private final CandidacyStakes candidacies;
    private final DepositBook book;
    private final NonQualifyingRefunder refunder;
    private final LogFollower redemptions;
    private final RedemptionIntake intake;
    private final PegOutProposer payouts;
    private final ChainPayouts chainPayouts;
    private final InvariantWatcher invariants;
    private final MemberView view;
    private final GroupJobs jobs;
    private final List<String> lastFailures = new ArrayList<>();

    PegRuntime(SigningContext context, PegSettings settings, GroupSigning signing, PegTransactions tx,
            DataSource dataSource, BitcoinNetwork network, Supplier<? extends Collection<Integer>> suspected) {
        this.context = context;
        this.suspected = suspected;
        SynodDeployment.Addresses contracts = context.contracts().get()
                .orElseThrow(() -> new IllegalStateException("the group's contracts are not recorded yet"));
        BitcoinRpcClient bitcoin = context.bitcoin()
                .orElseThrow(() -> new IllegalStateException("synod.bitcoin.rpc-url is not set: no peg"));
        EvmClient client = context.sidechain();
        byte[] key = context.groupKey33();
        List<Integer> members = new ArrayList<>();
        for (int i : context.members().indices().indices()) {
            members.add(i);
        }
        int leader = settings.proposer().orElse(members.stream().mapToInt(Integer::intValue).min().orElseThrow());
        this.proposer = leader == context.self();
        this.rank = ProposerRank.of(members, leader);
        DepositBook book = new TransactionalDepositBook(tx, key);
        this.book = book;
        this.ledger = new TransactionalLedger(tx);
        PegInSidechain pegIn = new Web3PegInSidechain(client, contracts);
        EvmMembershipRegistry registry = new EvmMembershipRegistry(client, contracts.registry());
        this.stakes = new RegistryStakes(registry, bitcoin);
        this.candidacies = new CandidacyStakes(registry, bitcoin, key);
        this.guard = new OneWayBetGuard(settings.guardRatioPercent());
        this.guardView = new GuardView(guard, stakes, book, pegIn);
        GuardView g = guardView;
        this.mintVerifier = new MintVerifier(book, settings.pegIn(), bitcoin, pegIn, () -> g);
        this.sweepVerifier = new SweepVerifier(book, settings.sweeps(), bitcoin, key);
        this.refundVerifier = new RefundVerifier(book, pegIn, settings.sweeps().fees());
        String apiKey = bitcoinPassword();
        Broadcaster broadcaster = Broadcaster.forBcoin(bitcoin, apiKey, Optional.empty(), Duration.ofSeconds(10));
        Path dir = context.dataDir().resolve("peg");
        this.watcher = new DepositWatcher(bitcoin, new FileCursorStore<>(dir.resolve("bitcoin-cursor.json"),
                FollowerCursor.class), pegIn, book, ledger, settings.pegIn(), key,
                firstHeight(dir, bitcoin, registry), 30);
        this.mints = new MintCoordinator(context.self(), members, book, ledger, settings.pegIn(), bitcoin, pegIn,
                signing, guardView, Clock.systemUTC(), settings.grace());
        this.sweeper = new DepositSweeper(new SettledMints(book, settings.grace(), Clock.systemUTC()),
                ledger, settings.sweeps(), bitcoin, broadcaster, signing);
        this.refunder = new NonQualifyingRefunder(book, ledger, bitcoin, broadcaster, signing,
                settings.sweeps().fees());
        PegOutStore store = new JdbcPegOutStore(dataSource);
        this.view = new MemberView(store, bitcoin, new Web3jSidechainRedemptions(client,
                SynodDeployment.attach(client, contracts)), () -> key, settings.pegOut(),
                this::notSpendable);
        this.payoutVerifier = new PayoutVerifier(view);
        this.completionVerifier = new CompletionVerifier(view);
        // The proposer queues a burn a few blocks after the others do, so that every member's own intake already
        // holds it as final when the batch comes to the vote (a member that refuses never follows the batch).
        this.intake = new RedemptionIntake(store, ledger, contracts.redemption(),
                settings.pegOut().sidechainFinality() + (proposer ? PROPOSER_LAG_BLOCKS : 0));
        this.redemptions = new LogFollower(client.web3j(), Set.of(contracts.redemption()), 0, 500, 0,
                new FileCursorStore<>(dir.resolve("sidechain-cursor.json"), EvmCursor.class));
        Script groupScript = ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(key));
        String groupAddress = network.address(groupScript);
        BcoinAddressHistory history = new BcoinAddressHistory(bitcoin.url(), apiKey);
        RegistryMembers keys = new RegistryMembers(registry, context.founders());
        this.stakeSpends = new StakeSpends(stakes, bitcoin, history, groupAddress,
                member -> keys.identityKey(member).map(StakeTransactions::returnScript));
        this.chainSweeps = new ChainSweeps(bitcoin, history, HEX.formatHex(groupScript.program()),
                r -> network.address(r.script().outputScript()));
        this.payouts = new PegOutProposer(view, signing, new StakeFreeCoins(new BcoinGroupCoins(bitcoin.url(), apiKey,
                groupAddress, HEX.formatHex(groupScript.program())), this::notSpendable), broadcaster, ledger);
        this.chainPayouts = new ChainPayouts(view, ledger);
        this.invariants = new InvariantWatcher(ledger, new NodeFigures(bitcoin,
                new Web3jSidechainSupply(client, contracts.token()),
                new BcoinHoldings(new BcoinAddressIndex(bitcoin.url(), apiKey), groupAddress,
                        () -> book.reveals().stream().map(r -> network.address(r.script().outputScript())).toList(),
                        settings.pegIn().confirmations(), candidacies::pending),
                store, book, stakeSpends::spentInMempool), new JdbcAlertLog(dataSource), Clock.systemUTC());
        this.jobs = new GroupJobs(JobSettings.fromSystemProperties(), client, contracts, bitcoin, signing,
                // Stakes still count here: the group pays sweep and payout fees from the coins it holds while mints are
                // for the full deposit, so users' coins alone fall short of the supply by the fees paid (399 sat after
                // the IT's peg story). Until fees are charged to users or to a fee reserve, the stakes cover them.
                new BcoinGroupCoins(bitcoin.url(), apiKey, groupAddress, HEX.formatHex(groupScript.program())),
                groupScript, dir, settings.pegOut().signingTimeout());
        LOG.info(() -> "peg runtime started: member " + context.self() + (proposer ? " (proposer)" : "")
                + ", token " + contracts.token() + ", redemption " + contracts.redemption() + ", group address "
                + groupAddress);
    }

    /**
     * Outputs at the group's address that no payout may spend: members' stakes of every epoch (owed back as
     * themselves) and candidates' stakes not admitted yet.
     */
    private Set<String> notSpendable() {
        Set<String> out = new java.util.HashSet<>(stakes.outpoints());
        out.addAll(candidacies.pending());
        return out;
    }

    /**
     * Where this member's deposit watcher starts when it has no cursor yet: the block of the group's first stakes
     * (epoch 2, when the peg opens), kept in a file. The watcher saves a cursor only once a deposit is revealed, so a
     * member restarted before the first reveal must not start again from a later tip and miss deposits paid
     * meanwhile; and a member that joins later must see the deposits confirmed before it joined, or it could not
     * check (and co-sign) their mints.
     */
    private static io.synod.chain.bitcoin.BlockHeight firstHeight(Path dir, BitcoinRpcClient bitcoin,
            EvmMembershipRegistry registry) {
        Path f = dir.resolve("bitcoin-start-height");
        try {
            if (java.nio.file.Files.isRegularFile(f)) {
                return io.synod.chain.bitcoin.BlockHeight.of(Long.parseLong(java.nio.file.Files.readString(f).strip()));
            }
            io.synod.chain.bitcoin.BlockHeight tip = firstStakesHeight(bitcoin, registry).orElse(bitcoin.getBlockCount());
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Path tmp = dir.resolve("bitcoin-start-height.tmp");
            java.nio.file.Files.writeString(tmp, Long.toString(tip.value()));
            java.nio.file.Files.move(tmp, f, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return tip;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the peg's start height in " + f, e);
        }
    }

    /** The lowest block holding a stake of epoch 2 (the founders' stakes), if the registry and the node show one. */
    private static Optional<io.synod.chain.bitcoin.BlockHeight> firstStakesHeight(BitcoinRpcClient bitcoin,
            EvmMembershipRegistry registry) {
        if (registry.currentEpoch() < 2) {
            return Optional.empty();
        }
        long tip = bitcoin.getBlockCount().value();
        long lowest = Long.MAX_VALUE;
        for (io.synod.shared.domain.Outpoint o : registry.epoch(2).stakes()) {
            long confirmations = bitcoin.getRawTransactionVerbose(new io.synod.chain.bitcoin.Txid(o.displayTxid()))
                    .map(t -> t.path("confirmations").asLong(0)).orElse(0L);
            if (confirmations > 0) {
                lowest = Math.min(lowest, tip - confirmations + 1);
            }
        }
        return lowest == Long.MAX_VALUE ? Optional.empty() : Optional.of(io.synod.chain.bitcoin.BlockHeight.of(lowest));
    }

    SigningContext context() {
        return context;
    }

    /** One pass over every duty; one duty's failure (a node hiccup) is logged and does not stop the others. */
    void step() {
        List<String> failures = new ArrayList<>();
        duty("stakes", failures, () -> stakes.refresh(ledger));
        duty("stake spends", failures, () -> stakeSpends.book(ledger));
        duty("deposits", failures, watcher::poll);
        duty("mints", failures, mints::tick);
        duty("sweep adoption", failures, () -> chainSweeps.adopt(book));
        duty("sweep booking", failures, sweeper::bookConfirmedSweeps);
        duty("refund booking", failures, refunder::bookConfirmed);
        duty("redemptions", failures, () -> {
            redemptions.poll(intake);
            intake.queueFinal(view.sidechain().head());
        });
        duty("payout adoption", failures, () -> {
            // A payout can become evidence only with a new Bitcoin block: look again only then.
            long tip = view.bitcoinTip();
            if (tip != adoptedAt) {
                chainPayouts.adopt().forEach(e -> LOG.info(() -> "peg-out: " + e));
                adoptedAt = tip;
            }
        });
        boolean now = proposingNow();
        if (now != proposing) {
            proposing = now;
            LOG.info(() -> "peg: member " + context.self() + (now ? " proposes" : " no longer proposes")
                    + " sweeps, payouts and group jobs (suspected offline: " + suspected.get() + ")");
        }
        if (now) {
            duty("group jobs", failures, jobs::runIfDue);
            duty("sweeps", failures, sweeper::sweepIfDue);
            duty("payouts", failures, () -> log(payouts.step()));
        } else {
            duty("payout follow", failures, () -> log(payouts.follow()));
        }
        duty("invariants", failures, invariants::poll);
        lastFailures.clear();
        lastFailures.addAll(failures);
    }

    /**
     * Whether this member proposes now ({@link ProposerRank}). Two members proposing at once (a partition) cannot pay
     * twice: a redemption belongs to at most one batch in each member's store and a deposit to one sweep, so the
     * second batch or sweep never gathers the approvals of the members that approved the first.
     */
    private boolean proposingNow() {
        return rank.proposer(suspected.get()) == context.self();
    }

    private void duty(String name, List<String> failures, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            String msg = name + ": " + e.getClass().getSimpleName() + ": " + e.getMessage();
            failures.add(msg);
            if (!lastFailures.contains(msg)) {
                LOG.log(Level.WARNING, "peg " + msg, e);
            }
        }
    }

    private static void log(PegOutProposer.Report r) {
        r.events().forEach(e -> LOG.info(() -> "peg-out: " + e));
    }

    GuardSnapshot guard() {
        return GuardSnapshot.of(guard, stakes, guardView.status());
    }

    ActionVerifier mintVerifier() {
        return mintVerifier;
    }

    ActionVerifier sweepVerifier() {
        return sweepVerifier;
    }

    ActionVerifier refundVerifier() {
        return refundVerifier;
    }

    ActionVerifier payoutVerifier() {
        return payoutVerifier;
    }

    ActionVerifier completionVerifier() {
        return completionVerifier;
    }

    /** The group's refund of a listed non-qualifying payment, built here and signed after each member's check. */
    io.synod.chain.bitcoin.Txid refund(io.synod.chain.bitcoin.Outpoint outpoint)
            throws io.synod.coordination.domain.signing.SigningFailed {
        return refunder.refund(outpoint);
    }

    ActionVerifier reserveAttestationVerifier() {
        return jobs.reserveAttestationVerifier();
    }

    ActionVerifier headerRelayVerifier() {
        return jobs.headerRelayVerifier();
    }

    private static String bitcoinPassword() {
        String env = System.getenv("SYNOD_BITCOIN_RPC_PASSWORD");
        return env != null ? env : System.getProperty("synod.bitcoin.rpc-password", "");
    }
}
