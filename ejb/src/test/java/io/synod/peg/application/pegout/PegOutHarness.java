package io.synod.peg.application.pegout;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.Utxo;
import io.synod.chain.devnet.Devnet;
import io.synod.chain.evm.Eip712;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.GenesisEpoch;
import io.synod.chain.evm.LogFollower;
import io.synod.chain.evm.SynodDeployment;
import io.synod.chain.evm.contracts.Redemption;
import io.synod.chain.evm.contracts.WrappedBTC;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.coordination.infrastructure.memory.InProcessGroupSigning;
import io.synod.peg.application.jobs.GroupJobsView;
import io.synod.peg.application.jobs.HeaderRelayVerifier;
import io.synod.peg.application.jobs.ReserveAttestationVerifier;
import io.synod.peg.domain.ledger.ChainFigures;
import io.synod.peg.domain.ledger.InvariantChecker;
import io.synod.peg.domain.ledger.PegEntries;
import io.synod.peg.domain.pegout.PegOutStore;
import io.synod.peg.infrastructure.memory.InMemoryLedger;
import io.synod.peg.infrastructure.pegout.BcoinGroupCoins;
import io.synod.peg.infrastructure.pegout.InMemoryPegOutStore;
import io.synod.peg.infrastructure.pegout.Web3jSidechainRedemptions;

/**
 * A consensus group of three members signing in process (real threshold signing, t = 1), each with its own store,
 * ledger, sidechain client and log follower, over the shared devnet (real bcoin and anvil) and a fresh deployment.
 * Member 1 proposes. The group's coins are funded by the devnet faucet and booked as swept deposits.
 */
public final class PegOutHarness {

    static final int N = 3;
    static final SecureRandom RANDOM = new SecureRandom();
    static final HexFormat HEX = HexFormat.of();

    public final Devnet devnet = Devnet.shared();
    public final PegOutPolicy policy;
    public final Map<Integer, Member> members = new TreeMap<>();
    public final InProcessGroupSigning group;
    public final EvmClient operator;
    public final SynodDeployment deployment;
    public final Script groupScript;
    public final String groupAddress;
    long funded;

    /** One member: its own store, ledger, view and verifiers; a follower and intake for the redemption contract. */
    public final class Member {
        final int index;
        public final PegOutStore store;
        public final InMemoryLedger ledger = new InMemoryLedger();
        public EvmClient client;
        public MemberView view;
        public GroupJobsView jobs;
        RedemptionIntake intake;
        LogFollower follower;
        final List<ActionVerifier> extra = new ArrayList<>();

        Member(int index, PegOutStore store) {
            this.index = index;
            this.store = store;
        }

        ActionVerifiers verifiers() {
            List<ActionVerifier> all = new ArrayList<>(List.of(
                    new DeferredVerifier(ActionKind.REDEMPTION_PAYOUT_INPUT, () -> new PayoutVerifier(view)),
                    new DeferredVerifier(ActionKind.REDEMPTION_COMPLETION, () -> new CompletionVerifier(view)),
                    new DeferredVerifier(ActionKind.RESERVE_ATTESTATION, () -> new ReserveAttestationVerifier(jobs)),
                    new DeferredVerifier(ActionKind.HEADER_RELAY, () -> new HeaderRelayVerifier(jobs)),
                    SetupDigest.verifier(ActionKind.MINT), SetupDigest.verifier(ActionKind.EVIDENCE_BINDING),
                    SetupDigest.verifier(ActionKind.STAKE_RETURN_INPUT),
                    SetupDigest.verifier(ActionKind.CONFISCATION_INPUT)));
            return new ActionVerifiers(all);
        }

        /** This member follows the sidechain and queues what is final. */
        void poll() {
            follower.poll(intake);
            intake.queueFinal(view.sidechain().head());
        }
    }

    /** Two sidechain blocks to finality, one Bitcoin confirmation, limits no test of group jobs or invariants reaches. */
    public static PegOutPolicy roomyPolicy() {
        return new PegOutPolicy(2, 1, new io.synod.chain.bitcoin.FeePolicy(io.synod.chain.bitcoin.FeeRate.satPerVbyte(1),
                io.synod.chain.bitcoin.FeeRate.satPerVbyte(20), 6), new io.synod.peg.domain.pegout.WithdrawalLimits(
                io.synod.shared.domain.Satoshis.of(5_000_000), io.synod.shared.domain.Satoshis.of(10_000_000), 5, 20),
                2, 4, 3, Duration.ofSeconds(60));
    }

    public PegOutHarness(PegOutPolicy policy) {
        this(policy, i -> new InMemoryPegOutStore());
    }

    /** Each member's store from {@code stores} (e.g. one PostgreSQL database each). */
    public PegOutHarness(PegOutPolicy policy, java.util.function.IntFunction<PegOutStore> stores) {
        this(policy, N, stores);
    }

    /** {@code n} members at t = 1 (so any 3 of them sign): with n = 4, one member can miss a batch the others sign. */
    public PegOutHarness(PegOutPolicy policy, int n, java.util.function.IntFunction<PegOutStore> stores) {
        this.policy = policy;
        this.group = InProcessGroupSigning.generate(n, 1, i -> members.computeIfAbsent(i,
                k -> new Member(k, stores.apply(k))).verifiers());
        this.groupScript = ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(group.groupPublicKey()));
        this.groupAddress = devnet.bitcoinNetwork().address(groupScript);
        this.operator = client(key());
        byte[] key65 = ECKey.fromPublicOnly(group.groupPublicKey()).decompress().getPubKey();
        byte[] key64 = java.util.Arrays.copyOfRange(key65, 1, 65);
        List<String> identities = members.keySet().stream().map(i -> Credentials.create(key()).getAddress()).toList();
        List<Outpoint> stakes = identities.stream().map(i -> new Outpoint(new Txid(HEX.formatHex(random32())), 0)).toList();
        this.deployment = SynodDeployment.deploy(operator, new GenesisEpoch(key64, 2, identities, stakes),
                digest -> groupSign(ActionKind.EVIDENCE_BINDING, digest));
        for (Member m : members.values()) {
            m.client = client(key());
            SynodDeployment attached = SynodDeployment.attach(m.client, deployment.addresses());
            m.view = new MemberView(m.store, devnet.bitcoinRpc(), new Web3jSidechainRedemptions(m.client, attached),
                    group::groupPublicKey, policy);
            m.intake = new RedemptionIntake(m.store, m.ledger, deployment.addresses().redemption(),
                    policy.sidechainFinality());
            m.follower = new LogFollower(m.client.web3j(), Set.of(deployment.addresses().redemption()), 0, 64,
                    head(), new MemoryCursorStore<>());
        }
    }

    public Member proposerMember() {
        return members.values().iterator().next();
    }

    PegOutProposer proposer() {
        return proposer(proposerMember());
    }

    /** Member {@code m} proposing (a takeover), over its own store and ledger. */
    PegOutProposer proposer(Member m) {
        return new PegOutProposer(m.view, group, coins(), devnet.bitcoinBroadcaster(), m.ledger);
    }

    public Member member(int index) {
        return java.util.Objects.requireNonNull(members.get(index), "no member " + index);
    }

    public BcoinGroupCoins coins() {
        return new BcoinGroupCoins(devnet.bitcoinRpcUrl(), devnet.bitcoinRpcPassword(), groupAddress,
                HEX.formatHex(groupScript.program()));
    }

    /** Faucet coins to the group, booked in every member's ledger as deposits swept into the main output. */
    public List<Utxo> fundGroup(long amount, int count) {
        List<Utxo> coins = devnet.fundBitcoin(groupScript, Satoshis.of(amount), count);
        for (Utxo u : coins) {
            for (Member m : members.values()) {
                io.synod.shared.domain.Outpoint op = io.synod.shared.domain.Outpoint.parse(u.outpoint().toString());
                io.synod.shared.domain.Satoshis v = io.synod.shared.domain.Satoshis.of(u.value().value());
                m.ledger.record(PegEntries.depositConfirmed(op, v, "funding", 0));
                m.ledger.record(PegEntries.depositsSwept(u.outpoint().txid().hex() + ":" + u.outpoint().vout(), v,
                        io.synod.shared.domain.Satoshis.ZERO, "funding", 0));
            }
        }
        funded += amount * count;
        return coins;
    }

    /** A user with {@code amount} wrapped units, minted under a group signature and booked by every member. */
    public EvmClient user(long amount) {
        EvmClient user = client(key());
        byte[] txid = random32();
        String token = deployment.addresses().token();
        byte[] digest = new Eip712(devnet.evmChainId()).mint(token, txid, 0, user.address(), BigInteger.valueOf(amount), 1);
        byte[] sig = groupSign(ActionKind.MINT, digest);
        try {
            TransactionReceipt r = deployment.token().mint(txid, BigInteger.ZERO, user.address(), BigInteger.valueOf(amount),
                    BigInteger.ONE, sig).send();
            for (Member m : members.values()) {
                m.ledger.record(PegEntries.minted(new io.synod.shared.domain.Outpoint(txid, 0),
                        io.synod.shared.domain.Satoshis.of(amount), r.getTransactionHash(), r.getBlockNumber().longValue()));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return user;
    }

    /**
     * A mint under a valid group signature sent straight to the token, booked by no member: the sidechain then shows
     * more wrapped coins than any member's books. Returns the natural outpoint it minted for.
     */
    public io.synod.shared.domain.Outpoint mintUnbooked(long amount) {
        EvmClient user = client(key());
        byte[] txid = random32();
        byte[] digest = new Eip712(devnet.evmChainId()).mint(deployment.addresses().token(), txid, 0, user.address(),
                BigInteger.valueOf(amount), 1);
        try {
            deployment.token().mint(txid, BigInteger.ZERO, user.address(), BigInteger.valueOf(amount), BigInteger.ONE,
                    groupSign(ActionKind.MINT, digest)).send();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new io.synod.shared.domain.Outpoint(txid, 0);
    }

    /** The user burns {@code amount} to be paid to {@code script}; returns the redemption's sequence number. */
    long redeem(EvmClient user, long amount, Script script) {
        try {
            WrappedBTC token = WrappedBTC.load(deployment.addresses().token(), user.web3j(), user.transactionManager(),
                    user.gasProvider());
            token.approve(deployment.addresses().redemption(), BigInteger.valueOf(amount)).send();
            Redemption redemption = Redemption.load(deployment.addresses().redemption(), user.web3j(),
                    user.transactionManager(), user.gasProvider());
            TransactionReceipt r = redemption.requestRedemption(BigInteger.valueOf(amount), script.program()).send();
            return Redemption.getRedemptionRequestedEvents(r).get(0).sequence.longValueExact();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    void pollAll() {
        members.values().forEach(Member::poll);
    }

    void mineSidechain(int blocks) {
        for (int i = 0; i < blocks; i++) {
            devnet.evmCall("evm_mine", "[]");
        }
    }

    long head() {
        try {
            return operator.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The invariants of the proposer's books against both chains. */
    InvariantChecker.Report invariants() {
        try {
            long supply = deployment.token().totalSupply().send().longValueExact();
            long held = coinsHeld();
            return new InvariantChecker().check(proposerMember().ledger, new ChainFigures(
                    io.synod.shared.domain.Satoshis.of(supply), io.synod.shared.domain.Satoshis.of(held),
                    io.synod.shared.domain.Satoshis.ZERO, "test"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** All the group's unspent outputs (confirmed), by bcoin's address index. */
    long coinsHeld() {
        return coins().confirmed().stream().mapToLong(c -> c.utxo().value().value()).sum();
    }

    private byte[] groupSign(ActionKind kind, byte[] digest) {
        return signDigest(kind, digest).ethereum();
    }

    /** The group's signature of a digest under {@code kind} (every member approves it as set-up material). */
    public io.synod.coordination.domain.signing.GroupSignature signDigest(ActionKind kind, byte[] digest) {
        try {
            return group.sign(new SetupDigest(kind, digest), Duration.ofSeconds(30));
        } catch (SigningFailed e) {
            throw new IllegalStateException(e);
        }
    }

    EvmClient client(ECKeyPair key) {
        Credentials c = Credentials.create(key);
        devnet.fundEvm(c.getAddress(), BigInteger.TEN.pow(20));
        return EvmClient.connect(devnet.evmRpcUrl(), devnet.evmChainId(), c);
    }

    public static ECKeyPair key() {
        try {
            return Keys.createEcKeyPair(RANDOM);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] random32() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    static Script randomP2wpkh() {
        return ScriptBuilder.createP2WPKHOutputScript(new ECKey());
    }

    /** A verifier made on first use: members' views exist only once the group key they check against does. */
    private record DeferredVerifier(ActionKind kind, java.util.function.Supplier<ActionVerifier> make)
            implements ActionVerifier {
        @Override
        public io.synod.coordination.domain.signing.SigningTarget approve(byte[] encodedAction)
                throws io.synod.coordination.domain.signing.ActionRefused {
            return make.get().approve(encodedAction);
        }
    }
}
