package io.synod.coordination.application.reshare;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.bitcoinj.script.ScriptBuilder;
import org.web3j.crypto.ECKeyPair;

import io.synod.chain.bitcoin.Utxo;
import io.synod.chain.devnet.Devnet;
import io.synod.chain.evm.Eip712;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.SynodDeployment;
import io.synod.coordination.application.GenesisFixture;
import io.synod.coordination.application.IdentityKeys;
import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.coordination.infrastructure.evm.EvmGenesisRecorder;
import io.synod.coordination.infrastructure.evm.EvmMessageBoard;
import io.synod.coordination.infrastructure.memory.InMemorySessionStore;
import io.synod.coordination.infrastructure.memory.InProcessGroupSigning;
import io.synod.membership.application.ConfiscationRecordVerifier;
import io.synod.membership.application.EpochRotationAction;
import io.synod.membership.application.EpochRotationVerifier;
import io.synod.membership.application.MisbehaviourDesk;
import io.synod.membership.application.StakeSpendVerifier;
import io.synod.membership.application.StakeVerifier;
import io.synod.membership.domain.Candidacy;
import io.synod.membership.domain.EpochRecord;
import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.MemberSet;
import io.synod.membership.domain.StakePolicy;
import io.synod.membership.domain.StakeVerdict;
import io.synod.membership.infrastructure.evm.EvmMembershipRegistry;
import io.synod.membership.infrastructure.memory.InMemoryMembershipBook;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;
import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.inprocess.InProcessGroup;
import io.synod.threshold.math.Scalars;
import io.synod.threshold.math.SecretScalar;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.message.MessageSigner;

/**
 * A group formed by genesis over the board, its contracts deployed with real stakes on bcoin, and every member's own
 * parts: identity, ECIES key, sidechain client, board and registry adapters, session store, stake verifier, action
 * verifiers and membership book. Members share nothing but the chains; each signature the group makes goes
 * through the GroupSigning port, where every member's own verifiers decide.
 */
final class MembershipGroup implements AutoCloseable {
    static final Satoshis STAKE = new Satoshis(1_000_000);
    static final StakePolicy POLICY = new StakePolicy(new Satoshis(500_000), 3);
    static final Satoshis MAX_FEE = new Satoshis(10_000);
    static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** One member (or candidate) with only its own parts. */
    final class Participant {
        final int index;
        final ECKeyPair identity;
        final BigInteger decryptionKey;
        final EvmClient client;
        final EvmMessageBoard board;
        final EvmMembershipRegistry registry;
        final InMemorySessionStore store = new InMemorySessionStore();
        final InMemoryMembershipBook book = new InMemoryMembershipBook();
        final MisbehaviourDesk desk = new MisbehaviourDesk(book, Clock.systemUTC());
        final StakeVerifier stakes;
        final EpochRotationVerifier rotation;
        final ActionVerifiers verifiers;

        Participant(int index, ECKeyPair identity, BigInteger decryptionKey, EvmClient client) {
            this.index = index;
            this.identity = identity;
            this.decryptionKey = decryptionKey;
            this.client = client;
            this.board = new EvmMessageBoard(client, deployment.addresses().board(), identity);
            this.registry = new EvmMembershipRegistry(client, deployment.addresses().registry());
            this.stakes = new StakeVerifier(devnet.bitcoinRpc(), groupKey, POLICY, book, Clock.systemUTC());
            this.rotation = new EpochRotationVerifier(registry);
            this.verifiers = ActionVerifiers.of(rotation, new TestActionVerifier(),
                    new StakeSpendVerifier.Return(registry, book, devnet.bitcoinRpc(), groupKey, MAX_FEE,
                            MembershipGroup.this::identityKeyOf),
                    new StakeSpendVerifier.Confiscation(registry, book, devnet.bitcoinRpc(), groupKey, MAX_FEE,
                            forfeiture),
                    new ConfiscationRecordVerifier(registry, book, devnet.bitcoinRpc(), forfeiture,
                            POLICY.confirmations()));
        }

        MessageSigner signer() {
            return IdentityKeys.softwareSigner(identity.getPrivateKey());
        }

        String address() {
            return org.web3j.crypto.Credentials.create(identity).getAddress().toLowerCase();
        }

        FoundingMember asMember() {
            return new FoundingMember(index, Eip712.publicKey64(identity), Secp256k1.mulG(decryptionKey));
        }
    }

    /**
     * A test-only action kind for "the group signs": the verifier derives a domain-separated digest from the
     * action's bytes (never the bytes themselves), as every real verifier recomputes its digest.
     */
    record TestAction(byte[] payload) implements SignableAction {
        @Override
        public io.synod.coordination.domain.signing.ActionKind kind() {
            return io.synod.coordination.domain.signing.ActionKind.HEARTBEAT;
        }

        @Override
        public byte[] encode() {
            return payload.clone();
        }

        static byte[] digestOf(byte[] payload) {
            return io.synod.threshold.math.Hashing.hash("SYNOD/test/membership-signs", payload);
        }
    }

    static final class TestActionVerifier implements io.synod.coordination.domain.signing.ActionVerifier {
        @Override
        public io.synod.coordination.domain.signing.ActionKind kind() {
            return io.synod.coordination.domain.signing.ActionKind.HEARTBEAT;
        }

        @Override
        public io.synod.coordination.domain.signing.SigningTarget approve(byte[] encoded) {
            return io.synod.coordination.domain.signing.SigningTarget.untweaked(TestAction.digestOf(encoded));
        }
    }

    final Devnet devnet = Devnet.shared();
    final GenesisFixture genesis;
    final byte[] groupKey;
    final Script groupScript;
    final byte[] forfeiture = ScriptBuilder.createP2WPKHOutputScript(new ECKey()).program();
    final SynodDeployment deployment;
    final Map<Integer, Participant> participants = new TreeMap<>();
    final Map<String, Outpoint> stakes = new HashMap<>();
    private final List<EvmClient> extraClients = new ArrayList<>();

    MemberSet members;
    GroupKey sharing;
    Map<Integer, KeyShare> shares;
    long epoch = 1;

    MembershipGroup(int n, int t) throws Exception {
        genesis = GenesisFixture.run(n, t);
        sharing = genesis.result().group();
        shares = genesis.shares();
        members = genesis.founders().asMemberSet();
        groupKey = sharing.publicKey().getEncoded(true);
        groupScript = ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(groupKey));
        // The founders pay their stakes to the group address once the key exists (one transaction, n outputs).
        List<Utxo> paid = devnet.fundBitcoin(groupScript, new io.synod.chain.bitcoin.Satoshis(STAKE.value()), n);
        devnet.mineBitcoin(POLICY.confirmations() - 1);
        List<io.synod.chain.bitcoin.Outpoint> chainStakes = paid.stream().map(Utxo::outpoint).toList();
        deployment = EvmGenesisRecorder.record(genesis.client(1), genesis.result(), genesis.founders(), chainStakes,
                genesis::signRaw);
        for (int i = 1; i <= n; i++) {
            Participant p = new Participant(i, genesis.identity(i), genesis.decryptionKey(i), genesis.client(i));
            participants.put(i, p);
            stakes.put(p.address(), outpoint(chainStakes.get(i - 1)));
        }
    }

    static Outpoint outpoint(io.synod.chain.bitcoin.Outpoint o) {
        return Outpoint.parse(o.txid().hex() + ":" + o.vout());
    }

    Participant member(int i) {
        return participants.get(i);
    }

    EvmMembershipRegistry registry() {
        return participants.get(members.indices().get(0)).registry;
    }

    Optional<byte[]> identityKeyOf(String address) {
        return participants.values().stream().filter(p -> p.address().equalsIgnoreCase(address)).findFirst()
                .map(p -> Eip712.publicKey64(p.identity));
    }

    /** A would-be member: its own keys and client, a stake of {@code sats} paid to the group and confirmed. */
    record Candidate(ECKeyPair identity, BigInteger decryptionKey, EvmClient client, Candidacy candidacy) {
    }

    Candidate payStake(long sats, int confirmations) {
        ECKeyPair id = ECKeyPair.create(Scalars.random(GenesisFixtureRandom.RNG));
        BigInteger y = Scalars.random(GenesisFixtureRandom.RNG);
        EvmClient client = genesis.fundedClient(id);
        extraClients.add(client);
        Utxo u = devnet.fundBitcoin(groupScript, new io.synod.chain.bitcoin.Satoshis(sats), 1).get(0);
        devnet.mineBitcoin(confirmations - 1);
        return new Candidate(id, y, client, new Candidacy(Eip712.publicKey64(id), Secp256k1.mulG(y),
                outpoint(u.outpoint())));
    }

    /** The candidate registers on the sidechain, signing its candidacy with its identity key. */
    void register(Candidate c) {
        EvmMembershipRegistry own = new EvmMembershipRegistry(c.client(), deployment.addresses().registry());
        own.registerCandidate(c.candidacy(), Eip712.sign(own.candidacyDigest(c.candidacy()), c.identity()));
    }

    /** Every current member checks the candidate's stake on its own node; accepted stakes become signable. */
    Map<Integer, StakeVerdict> verifyStake(Candidacy c) {
        Map<Integer, StakeVerdict> out = new TreeMap<>();
        for (int i : members.indices().indices()) {
            Participant p = participants.get(i);
            StakeVerdict v = p.stakes.verify(c.address(), c.stake(), p.registry.stakesInUseBesides(c.address()));
            if (v.accepted()) {
                p.rotation.stakeVerified(c.stake());
            }
            out.put(i, v);
        }
        return out;
    }

    /** Makes the admitted candidate a participant under {@code index}. */
    Participant admit(Candidate c, int index) {
        Participant p = new Participant(index, c.identity(), c.decryptionKey(), c.client());
        participants.put(index, p);
        stakes.put(p.address(), c.candidacy().stake());
        return p;
    }

    /** Runs every participant's coordinator concurrently (each with its own board client) until all end. */
    Map<Integer, ReshareCoordinator> reshare(ReshareSession s, Map<Integer, Consumer<ReshareCoordinator>> seams,
            Map<Integer, KeyShare> newShares) throws Exception {
        return reshare(s, seams, newShares, java.util.Set.of());
    }

    /** As above, without the participants in {@code skip} (run by the test itself). */
    Map<Integer, ReshareCoordinator> reshare(ReshareSession s, Map<Integer, Consumer<ReshareCoordinator>> seams,
            Map<Integer, KeyShare> newShares, java.util.Set<Integer> skip) throws Exception {
        Map<Integer, ReshareCoordinator> cs = new TreeMap<>();
        for (int i : participantsOf(s)) {
            if (skip.contains(i)) {
                continue;
            }
            Participant p = participants.get(i);
            ReshareCoordinator c = ReshareCoordinator.start(s, i, p.signer(), new SecretScalar(p.decryptionKey),
                    Optional.ofNullable(s.isDealer(i) ? shares.get(i) : null), p.board, p.store,
                    (sid, share) -> newShares.put(i, share));
            seams.getOrDefault(i, x -> { }).accept(c);
            cs.put(i, c);
        }
        ExecutorService pool = Executors.newFixedThreadPool(cs.size());
        try {
            List<Future<ReshareCoordinator.Status>> fs = new ArrayList<>();
            for (ReshareCoordinator c : cs.values()) {
                fs.add(pool.submit(() -> c.run(TIMEOUT, Duration.ofMillis(25))));
            }
            for (Future<ReshareCoordinator.Status> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return cs;
    }

    static List<Integer> participantsOf(ReshareSession s) {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        for (int i : s.dealers().indices()) {
            out.add(i);
        }
        for (int i : s.newMembers().indices().indices()) {
            out.add(i);
        }
        return List.copyOf(out);
    }

    /** The current group signs through the port: every current member's own verifiers decide. */
    GroupSignature sign(SignableAction action) throws Exception {
        Map<Integer, ActionVerifiers> vs = new TreeMap<>();
        shares.keySet().forEach(i -> vs.put(i, participants.get(i).verifiers));
        int maxIndex = shares.keySet().stream().mapToInt(Integer::intValue).max().orElseThrow();
        InProcessGroupSigning signing = new InProcessGroupSigning(InProcessGroup.of(maxIndex, GenesisFixtureRandom.RNG),
                shares, vs, 1);
        return signing.sign(action, TIMEOUT);
    }

    /**
     * Each participant that completed the resharing expects the new epoch it computed; the old group signs the
     * rotation (EPOCH_ROTATION) and the registry starts it. Then the new shares are the group's.
     */
    EpochRecord rotate(ReshareSession s, Map<Integer, ReshareCoordinator> done, Map<Integer, KeyShare> newShares)
            throws Exception {
        for (ReshareCoordinator c : done.values()) {
            if (c.status() == ReshareCoordinator.Status.COMPLETE) {
                participants.get(c.self()).rotation.expect(epoch + 1, s.newMembers());
            }
        }
        List<Outpoint> newStakes = s.newMembers().addresses().stream().map(stakes::get).toList();
        byte[] key64 = java.util.Arrays.copyOfRange(sharing.baseKey().getEncoded(false), 1, 65);
        EpochRecord next = new EpochRecord(epoch + 1, key64, s.newMembers().t(), s.newMembers().addresses(),
                newStakes);
        GroupSignature sig = sign(new EpochRotationAction(registry().address(), next));
        registry().rotate(next, sig.ethereum());
        epoch++;
        members = s.newMembers();
        shares = new TreeMap<>(newShares);
        sharing = done.values().stream().flatMap(c -> c.result().flatMap(ReshareResult::newGroup).stream())
                .findFirst().orElseThrow();
        return next;
    }

    Map<Integer, KeyShare> concurrentShares() {
        return new ConcurrentHashMap<>();
    }

    @Override
    public void close() {
        extraClients.forEach(EvmClient::close);
        genesis.close();
    }
}
