package io.synod.peg.application.pegin;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.bitcoinj.crypto.ECKey;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

import io.synod.chain.FileCursorStore;
import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.FollowerCursor;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.Utxo;
import io.synod.chain.bitcoin.deposit.DepositNonce;
import io.synod.chain.bitcoin.deposit.DepositScript;
import io.synod.chain.bitcoin.deposit.DepositTerms;
import io.synod.chain.bitcoin.deposit.RefundHeight;
import io.synod.chain.bitcoin.deposit.SidechainRecipient;
import io.synod.chain.bitcoin.deposit.SweepMargin;
import io.synod.chain.devnet.Devnet;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.GenesisEpoch;
import io.synod.chain.evm.SynodDeployment;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.coordination.infrastructure.memory.InProcessGroupSigning;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.OneWayBetGuard;
import io.synod.peg.domain.pegin.PegInPolicy;
import io.synod.peg.domain.pegin.PegInSidechain;
import io.synod.peg.domain.pegin.StakeView;
import io.synod.peg.domain.pegin.SweepPolicy;
import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.peg.infrastructure.memory.InMemoryDepositBook;
import io.synod.peg.infrastructure.memory.InMemoryLedger;
import io.synod.peg.infrastructure.pegin.Web3PegInSidechain;

/**
 * A consensus group of {@link #N} members in one JVM over the shared devnet (real bcoin and anvil): real threshold
 * signing ({@link InProcessGroupSigning}) where each member's verifiers read that member's own book and chain
 * views, a fresh Synod deployment whose genesis key is the group's, and per member a book, a ledger, a follower
 * cursor file, a sidechain client with its own account, a watcher and a mint coordinator.
 */
final class PegInHarness {

    static final int N = 4;
    static final int T = 1;
    static final SecureRandom RANDOM = new SecureRandom();
    /** Batches of three, at most five inputs, urgent within 20 blocks of the refund, never within 3. */
    static final SweepPolicy SWEEPS = new SweepPolicy(3, 5, 20, 3,
            new FeePolicy(FeeRate.satPerVbyte(2), FeeRate.satPerVbyte(50), 6));

    final Devnet devnet = Devnet.shared();
    final BitcoinRpcClient rpc = devnet.bitcoinRpc();
    final PegInPolicy policy;
    final TestClock clock = new TestClock();
    final MutableStakes stakes;
    final OneWayBetGuard guard;
    final InProcessGroupSigning signing;
    final SynodDeployment deployment;
    final EvmClient depositor;
    final Map<Integer, Member> members = new TreeMap<>();
    final BlockHeight start;

    /** Where a member keeps its state: its deposit book and its ledger. */
    record Storage(DepositBook book, io.synod.peg.domain.ledger.Ledger ledger) {
    }

    PegInHarness(Path dir, PegInPolicy policy, List<Long> stakeSats, int guardPercent) {
        this(dir, policy, stakeSats, guardPercent, (i, key) -> new Storage(new InMemoryDepositBook(), new InMemoryLedger()));
    }

    PegInHarness(Path dir, PegInPolicy policy, List<Long> stakeSats, int guardPercent,
            java.util.function.BiFunction<Integer, byte[], Storage> storage) {
        this.policy = policy;
        this.stakes = new MutableStakes(stakeSats);
        this.guard = new OneWayBetGuard(guardPercent);
        Map<Integer, Member> byIndex = members;
        signing = InProcessGroupSigning.generate(N, T, i -> ActionVerifiers.of(
                new Deferred(ActionKind.MINT, () -> byIndex.get(i).mintVerifier),
                new Deferred(ActionKind.SWEEP_INPUT, () -> byIndex.get(i).sweepVerifier),
                new Deferred(ActionKind.NON_QUALIFYING_REFUND_INPUT, () -> byIndex.get(i).refundVerifier),
                new RubberStampForDeployment()));
        byte[] groupKey = signing.groupPublicKey();
        byte[] key64 = java.util.Arrays.copyOfRange(ECKey.fromPublicOnly(groupKey).decompress().getPubKey(), 1, 65);
        List<ECKeyPair> accounts = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            accounts.add(key());
        }
        EvmClient operator = client(key());
        GenesisEpoch genesis = new GenesisEpoch(key64, T, accounts.stream().map(k -> Credentials.create(k).getAddress())
                .toList(), List.of(randomOutpoint(), randomOutpoint(), randomOutpoint(), randomOutpoint()));
        deployment = SynodDeployment.deploy(operator, genesis, digest -> {
            try {
                return signing.sign(new DigestAction(digest), Duration.ofSeconds(30)).ethereum();
            } catch (SigningFailed e) {
                throw new IllegalStateException(e);
            }
        });
        depositor = client(key());
        start = rpc.getBlockCount().next();
        List<Integer> indices = List.of(1, 2, 3, 4);
        for (int i : indices) {
            members.put(i, new Member(i, indices, dir.resolve("member-" + i), client(accounts.get(i - 1)),
                    storage.apply(i, signing.groupPublicKey())));
        }
    }

    /** One member's own state and services. */
    final class Member {
        final int index;
        final List<Integer> all;
        DepositBook book;
        io.synod.peg.domain.ledger.Ledger ledger;
        final FileCursorStore<FollowerCursor> cursor;
        final PegInSidechain sidechain;
        GuardView guardView;
        MintVerifier mintVerifier;
        SweepVerifier sweepVerifier;
        RefundVerifier refundVerifier;
        NonQualifyingRefunder refunder;
        DepositSweeper sweeper;
        DepositWatcher watcher;
        MintCoordinator coordinator;

        Member(int index, List<Integer> all, Path dir, EvmClient client, Storage storage) {
            this.index = index;
            this.book = storage.book();
            this.ledger = storage.ledger();
            this.all = all;
            this.cursor = new FileCursorStore<>(dir.resolve("bitcoin-cursor.json"), FollowerCursor.class);
            this.sidechain = new Web3PegInSidechain(client, deployment.addresses());
            restart(sidechain);
        }

        /** A restarted process: new handles on the member's stored state, then fresh services over them. */
        void reopen(Storage storage) {
            book = storage.book();
            ledger = storage.ledger();
            restart(sidechain);
        }

        /** Fresh watcher and coordinator instances over the same persisted book, ledger and cursor (a restart). */
        void restart(PegInSidechain through) {
            guardView = new GuardView(guard, stakes, book, sidechain);
            GuardView verifierGuard = guardView;
            mintVerifier = new MintVerifier(book, policy, rpc, sidechain, () -> verifierGuard);
            sweepVerifier = new SweepVerifier(book, SWEEPS, rpc, signing.groupPublicKey());
            sweeper = new DepositSweeper(book, ledger, SWEEPS, rpc, devnet.bitcoinBroadcaster(), signing);
            refundVerifier = new RefundVerifier(book, sidechain, SWEEPS.fees());
            refunder = new NonQualifyingRefunder(book, ledger, rpc, devnet.bitcoinBroadcaster(), signing, SWEEPS.fees());
            watcher = new DepositWatcher(rpc, cursor, through, book, ledger, policy, signing.groupPublicKey(), start, 30);
            coordinator = new MintCoordinator(index, all, book, ledger, policy, rpc, through, signing,
                    new GuardView(guard, stakes, book, through), clock);
        }
    }

    /** Every member polls its watcher. */
    void pollAll() {
        members.values().forEach(m -> m.watcher.poll());
    }

    /** Every member runs its coordinator once. */
    void tickAll() {
        members.values().forEach(m -> m.coordinator.tick());
    }

    /** Reveals terms for a new deposit to {@code recipient} refunding at {@code refundHeight}; returns its script. */
    DepositScript reveal(SidechainRecipient recipient, long refundHeight) throws Exception {
        return reveal(newTerms(recipient, refundHeight));
    }

    /** Fresh deposit terms, not revealed yet. */
    static DepositTerms newTerms(SidechainRecipient recipient, long refundHeight) {
        return new DepositTerms(recipient, new ECKey().getPubKey(), RefundHeight.of(refundHeight),
                DepositNonce.random(RANDOM));
    }

    /** Reveals {@code terms} on the sidechain (mined on return); returns the deposit script. */
    DepositScript reveal(DepositTerms terms) throws Exception {
        deploymentAs(depositor).token().revealDeposit(terms.recipient().toString(), terms.nonce().bytes(),
                terms.refundPublicKey(), BigInteger.valueOf(terms.refundHeight().value())).send();
        return script(terms);
    }

    DepositScript script(DepositTerms terms) {
        return DepositScript.of(signing.groupPublicKey(), terms);
    }

    /** Pays the deposit script and mines one block; returns the deposit outpoint. */
    Outpoint pay(DepositScript script, long sats) {
        Utxo u = devnet.fundBitcoin(script.outputScript(), Satoshis.of(sats), 1).get(0);
        return u.outpoint();
    }

    /** How many Minted events the token emitted for this outpoint (the contract allows one). */
    int mintedEvents(Outpoint o) throws Exception {
        org.web3j.protocol.core.methods.request.EthFilter f = new org.web3j.protocol.core.methods.request.EthFilter(
                org.web3j.protocol.core.DefaultBlockParameterName.EARLIEST,
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST, deployment.addresses().token());
        f.addSingleTopic(org.web3j.abi.EventEncoder.encode(io.synod.chain.evm.contracts.WrappedBTC.MINTED_EVENT));
        f.addSingleTopic("0x" + o.txid().hex());
        return (int) depositor.web3j().ethGetLogs(f).send().getLogs().stream()
                .map(r -> io.synod.chain.evm.contracts.WrappedBTC.getMintedEventFromLog(
                        (org.web3j.protocol.core.methods.response.Log) r.get()))
                .filter(e -> e.vout.intValueExact() == o.vout()).count();
    }

    long balanceOf(SidechainRecipient r) throws Exception {
        return deployment.token().balanceOf(r.toString()).send().longValueExact();
    }

    long totalSupply() throws Exception {
        return deployment.token().totalSupply().send().longValueExact();
    }

    SynodDeployment deploymentAs(EvmClient c) {
        return SynodDeployment.attach(c, deployment.addresses());
    }

    /** The member that submits first for this outpoint. */
    Member primary(Outpoint o) {
        return members.get(MintCoordinator.submitterOrder(o, List.copyOf(members.keySet())).get(0));
    }

    static SidechainRecipient newRecipient() {
        return SidechainRecipient.parse(Credentials.create(key()).getAddress());
    }

    EvmClient client(ECKeyPair k) {
        Credentials c = Credentials.create(k);
        devnet.fundEvm(c.getAddress(), BigInteger.TEN.pow(20));
        return EvmClient.connect(devnet.evmRpcUrl(), devnet.evmChainId(), c);
    }

    static ECKeyPair key() {
        try {
            return Keys.createEcKeyPair(RANDOM);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Outpoint randomOutpoint() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return new Outpoint(new Txid(java.util.HexFormat.of().formatHex(b)), 0);
    }

    static PegInPolicy policy(int confirmations, int marginBlocks) {
        return new PegInPolicy(Satoshis.of(10_000), Satoshis.of(100_000_000), confirmations,
                new SweepMargin(marginBlocks), Duration.ofSeconds(60));
    }

    /** Stakes the test can grow, as membership would report them. */
    static final class MutableStakes implements StakeView {
        private final List<io.synod.shared.domain.Satoshis> stakes = new CopyOnWriteArrayList<>();

        MutableStakes(List<Long> sats) {
            set(sats);
        }

        void set(List<Long> sats) {
            stakes.clear();
            sats.forEach(s -> stakes.add(io.synod.shared.domain.Satoshis.of(s)));
        }

        @Override
        public List<io.synod.shared.domain.Satoshis> stakes() {
            return List.copyOf(stakes);
        }

        @Override
        public int threshold() {
            return T;
        }
    }

    /** A clock the test moves forward (takeover deadlines) without sleeping. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Members' verifiers exist before the members (the deployment needs the group key first): resolved on use. */
    record Deferred(ActionKind kind, Supplier<ActionVerifier> target) implements ActionVerifier {
        @Override
        public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
            ActionVerifier v = target.get();
            if (v == null) {
                throw new ActionRefused(kind, "member not set up");
            }
            return v.approve(encodedAction);
        }
    }

    /**
     * The deployment's evidence binding, signed once at set-up by the test's own group: below the unit under test
     * (the peg-in), so its digest is taken as given.
     */
    static final class RubberStampForDeployment implements ActionVerifier {
        @Override
        public ActionKind kind() {
            return ActionKind.EVIDENCE_BINDING;
        }

        @Override
        public SigningTarget approve(byte[] encodedAction) {
            return SigningTarget.untweaked(encodedAction);
        }
    }

    record DigestAction(byte[] digest) implements SignableAction {
        @Override
        public ActionKind kind() {
            return ActionKind.EVIDENCE_BINDING;
        }

        @Override
        public byte[] encode() {
            return digest.clone();
        }
    }
}
