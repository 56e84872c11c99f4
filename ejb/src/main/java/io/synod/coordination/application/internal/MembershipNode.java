package io.synod.coordination.application.internal;

import java.math.BigInteger;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Local;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import com.fasterxml.jackson.databind.JsonNode;

import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.evm.Eip712;
import io.synod.chain.evm.EvmClient;
import io.synod.coordination.application.MembershipStatus;
import io.synod.coordination.application.MembershipStatusService;
import io.synod.coordination.application.reshare.ReshareAttempts;
import io.synod.coordination.application.reshare.ReshareAttempts.Attempt;
import io.synod.coordination.application.reshare.ReshareCoordinator;
import io.synod.coordination.application.reshare.ReshareKind;
import io.synod.coordination.application.reshare.ReshareOpening;
import io.synod.coordination.application.reshare.ReshareResult;
import io.synod.coordination.application.reshare.ReshareSession;
import io.synod.coordination.application.signing.SigningChannel;
import io.synod.coordination.application.signing.SigningContext;
import io.synod.coordination.application.signing.VerifierSource;
import io.synod.coordination.domain.BoardCursor;
import io.synod.coordination.domain.BoardEntry;
import io.synod.coordination.domain.BoardRead;
import io.synod.coordination.domain.GenesisCheckpoint;
import io.synod.coordination.domain.SessionStore;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.MembershipVerifiers;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.coordination.infrastructure.config.FoundingSetFile;
import io.synod.coordination.infrastructure.config.GroupDeploymentFile;
import io.synod.coordination.infrastructure.evm.EvmMessageBoard;
import io.synod.coordination.infrastructure.hsm.HsmIdentity;
import io.synod.coordination.infrastructure.hsm.IdentityTransactions;
import io.synod.coordination.infrastructure.hsm.SealedNodeSecrets;
import io.synod.coordination.infrastructure.hsm.SealingShareSink;
import io.synod.coordination.infrastructure.hsm.VaultSeedSealer;
import io.synod.coordination.infrastructure.persistence.JpaCoordinationRecords.SealedSecret;
import io.synod.coordination.infrastructure.persistence.SeedSealer;
import io.synod.coordination.infrastructure.persistence.StoredKeyShare;
import io.synod.hsm.api.HsmConnectionFactory;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.vault.HsmShareVault;
import io.synod.hsm.vault.ShareVault;
import io.synod.membership.application.EpochRotationAction;
import io.synod.membership.application.EpochRotationVerifier;
import io.synod.membership.application.MisbehaviourDesk;
import io.synod.membership.application.MisbehaviourIntake;
import io.synod.membership.application.RegistryMembers;
import io.synod.membership.application.ResharingIntake;
import io.synod.membership.application.StakeSpendAction;
import io.synod.membership.application.StakeSpendVerifier;
import io.synod.membership.application.StakeTransactions;
import io.synod.membership.application.StakeVerifier;
import io.synod.membership.domain.MembershipBook;
import io.synod.membership.domain.Candidacy;
import io.synod.membership.domain.EpochRecord;
import io.synod.membership.domain.Exclusion;
import io.synod.membership.domain.ExclusionCause;
import io.synod.membership.domain.MemberSet;
import io.synod.membership.domain.StakeVerdict;
import io.synod.membership.domain.ThresholdPolicy;
import io.synod.membership.infrastructure.evm.EvmMembershipRegistry;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.math.SecretScalar;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.sharing.IndexSet;

/**
 * The thin shell that changes this node's group membership from inside the server, on a timer. Each registry epoch
 * (from epoch 2, once the founders' stakes are recorded) ends with at most one resharing, opened on the epoch's
 * membership channel of the group's board ({@link ReshareOpening}): a member opens the exclusion of a member its
 * book convicted, else a leave the registry records, else another exclusion its book decided, else the admission of
 * a candidate whose stake it verified on its own Bitcoin node (refusals are kept in the membership book with their
 * reason); one that ends without a new epoch is opened again as the next attempt ({@link ReshareAttempts}). Every
 * participant then runs
 * {@link ReshareCoordinator} (checkpointed like genesis, so a restarted node resumes), seals its new share in the HSM
 * under the next epoch, and the old group signs the {@link EpochRotationAction} every member checks against its own
 * resharing result; the member whose turn it is submits it. After a leave, the group signs the leaver's stake back
 * to its identity key (minus the fee) unless it is under confiscation, and broadcasts it. A finished resharing's
 * complaints go to this member's own misbehaviour judgement ({@link ResharingIntake}): a convicted dealer is the next
 * epoch's exclusion and its stake is confiscated.
 *
 * <p>A candidate node (not a founder, {@code synod.membership.join-stake} set) registers its candidacy (identity
 * key, ECIES key, stake, signed by its identity key) and takes part as a receiver. A member asked to leave by its
 * operator sends the request from its identity account.
 */
@Singleton
@Startup
@Local({MembershipStatusService.class, MembershipVerifiers.class, VerifierSource.class})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MembershipNode implements MembershipStatusService, MembershipVerifiers, VerifierSource {
    private static final Logger LOG = Logger.getLogger(MembershipNode.class.getName());
    private static final HexFormat HEX = HexFormat.of();
    private static final Duration SIGN_TIMEOUT = Duration.ofSeconds(150);
    private static final String MEMBERSHIP_GAS_KEY = "membership-gas-key";
    private static final int MIN_MEMBERS = 3;
    private static final BigInteger ONE_ETHER = BigInteger.TEN.pow(18);

    @Resource
    private TimerService timers;

    @Resource(lookup = "java:/synod/hsm")
    private HsmConnectionFactory hsm;

    @EJB
    private CoordinationStorage storage;

    @EJB
    private MembershipBook book;

    @EJB
    private GroupSigning signing;

    private final Ticks ticks = new Ticks(LOG, "membership");
    private volatile MembershipStatus status = MembershipStatus.waiting("synod.group.founding-set is not set");
    private volatile boolean stopping;
    private volatile boolean leaveAsked;
    private volatile Parts parts;

    // Touched only inside a tick (one at a time, see Ticks).
    private NodeSettings settings;
    private DrillSettings drill;
    private SigningSettings signingSettings;
    private MembershipSettings membership;
    private long channelEpoch = -1;
    private EpochRecord epochRecord;
    private MemberSet epochSet;
    private BoardCursor channelCursor;
    private ReshareAttempts attempts;
    private long channelHead;
    private Attempt opened;
    private ReshareCoordinator coordinator;
    private KeyShare oldShare;
    private boolean completed;
    private boolean aborted;
    private Instant completedAt;
    private String sessionDetail;
    private int proposedAttempt;
    private Instant returnDueSince;
    private final Set<String> returned = new LinkedHashSet<>();

    /** The node's long-lived parts, built once the group's contracts are known here. */
    private record Parts(FoundingSetFile founding, byte[] groupId, String me, byte[] identity64, ECPoint encryptionKey,
            BigInteger decryptionKey, ShareVault vault, HsmIdentity identity, GroupDeploymentFile deployment,
            EvmClient client, EvmMembershipRegistry registry, EvmMessageBoard board, BitcoinRpcClient bitcoin,
            byte[] groupKey, byte[] groupKey64, RegistryMembers members, StakeVerifier stakes,
            EpochRotationVerifier rotation, StakeSpendVerifier.Return stakeReturn) {
    }

    @PostConstruct
    void init() {
        settings = NodeSettings.fromSystemProperties();
        if (settings.foundingSet().isEmpty()) {
            return;
        }
        signingSettings = SigningSettings.fromSystemProperties();
        membership = MembershipSettings.fromSystemProperties();
        status = MembershipStatus.waiting("starting");
        schedule(2000);
    }

    private void schedule(long delayMillis) {
        if (!stopping) {
            timers.createSingleActionTimer(delayMillis, new TimerConfig("synod-membership", false));
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        ticks.exclusive(() -> {
            dropSession();
            Parts p = parts;
            parts = null;
            if (p != null) {
                p.client().close();
            }
        });
    }

    @Override
    public MembershipStatus membershipStatus() {
        return status;
    }

    @Override
    public void requestLeave() {
        MembershipStatus s = status;
        if (s.role() != MembershipStatus.Role.MEMBER) {
            throw new IllegalStateException("this node is not a member of the current epoch (" + s.role() + ")");
        }
        leaveAsked = true;
    }

    @Override
    public ActionVerifier epochRotation() {
        return new Lazy(ActionKind.EPOCH_ROTATION, () -> Optional.ofNullable(parts).map(Parts::rotation));
    }

    /** The stake return, contributed to every signing epoch (the rotation goes through {@link #epochRotation}). */
    @Override
    public List<ActionVerifier> verifiers(SigningContext context) {
        return List.of(new Lazy(ActionKind.STAKE_RETURN_INPUT,
                () -> Optional.ofNullable(parts).map(Parts::stakeReturn)));
    }

    /** Delegates to the verifier once the node has its parts; refuses before. */
    private record Lazy(ActionKind kind, java.util.function.Supplier<Optional<? extends ActionVerifier>> target)
            implements ActionVerifier {
        @Override
        public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
            ActionVerifier v = target.get().orElseThrow(() -> refuse("membership is not ready at this member"));
            return v.approve(encodedAction);
        }
    }

    @Timeout
    void tick() {
        long next = membership == null ? 1000 : membership.poll().toMillis();
        try {
            ticks.run(() -> {
                if (parts == null) {
                    prepare();
                }
                if (parts != null) {
                    advance();
                }
            }, msg -> {
                dropSession();
                status = status.withDetail("retrying after: " + msg);
            });
            if (coordinator != null) {
                next = Math.min(next, settings.poll().toMillis());
            }
        } finally {
            schedule(next);
        }
    }

    // -------------------------------------------------------------------------------------------- preparing

    private void prepare() {
        if (drill == null) {
            // Refused off regtest: this node then never reshares (the status says why).
            drill = DrillSettings.fromSystemProperties(settings.network());
            drill.announceResharing();
        }
        if (!Files.isRegularFile(settings.foundingSet().orElseThrow())) {
            status = MembershipStatus.waiting("waiting for the founding set");
            return;
        }
        FoundingSetFile founding = FoundingSetFile.read(settings.foundingSet().get());
        byte[] groupId = founding.session().id().bytes();
        Optional<SealedSecret> ecies = storage.secret(SealedNodeSecrets.DKG_DECRYPTION_KEY);
        Optional<SealedSecret> gas = storage.secret(SealedNodeSecrets.BOARD_GAS_KEY);
        if (ecies.isEmpty() || gas.isEmpty()) {
            status = MembershipStatus.waiting("this node's keys are not prepared yet");
            return;
        }
        Optional<GroupDeploymentFile> deployment = GroupDeploymentFile.read(settings.dataDir(), groupId,
                settings.evmChainId());
        if (deployment.isEmpty()) {
            status = MembershipStatus.waiting("the group's contracts are not recorded here yet");
            return;
        }
        BitcoinRpcClient bitcoin = SigningSettings.bitcoin().orElseThrow(() -> new IllegalStateException(
                "synod.bitcoin.rpc-url is not set: stakes cannot be checked"));
        ShareVault vault = new HsmShareVault(hsm);
        HsmIdentity identity = new HsmIdentity(hsm);
        SealedNodeSecrets secrets = new SealedNodeSecrets(vault, new SecureRandom());
        BigInteger y = secrets.open(SealedNodeSecrets.DKG_DECRYPTION_KEY, ecies.get(),
                SealedNodeSecrets::compressedPoint);
        BigInteger gasKey = secrets.open(SealedNodeSecrets.BOARD_GAS_KEY, gas.get(), k -> HEX.parseHex(
                org.web3j.crypto.Keys.getAddress(ECKeyPair.create(k).getPublicKey())));
        byte[] identity64 = identity.publicKey64();
        BigInteger ownGas = ownGasKey(secrets);
        fundOwnGas(Credentials.create(ECKeyPair.create(gasKey)), Credentials.create(ECKeyPair.create(ownGas)));
        EvmClient client = EvmClient.connect(settings.evmRpcUrl(), settings.evmChainId(),
                Credentials.create(ECKeyPair.create(ownGas)));
        try {
            EvmMembershipRegistry registry = new EvmMembershipRegistry(client, deployment.get().addresses().registry());
            byte[] key64 = registry.epoch(1).groupPublicKey();
            byte[] groupKey = Secp256k1.CURVE.decodePoint(concat04(key64)).getEncoded(true);
            RegistryMembers members = new RegistryMembers(registry, founding.founders());
            parts = new Parts(founding, groupId, Eip712.addressOf(identity64).toLowerCase(java.util.Locale.ROOT),
                    identity64, Secp256k1.mulG(y).normalize(), y, vault, identity, deployment.get(), client,
                    registry, new EvmMessageBoard(client, deployment.get().addresses().board(),
                            identity.boardSigner()), bitcoin, groupKey, key64, members,
                    new StakeVerifier(bitcoin, groupKey, signingSettings.stakePolicy(), book, Clock.systemUTC()),
                    new EpochRotationVerifier(registry), new StakeSpendVerifier.Return(registry, book, bitcoin,
                            groupKey, membership.maxFee(), members::identityKey));
            LOG.info(() -> "membership: following registry " + registry.address() + " as " + parts.me());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * This driver's own gas account (sealed like the node's other secrets): the signing runtime sends from the
     * node's board gas account at the same time, and two nonce counters over one account would collide.
     */
    private BigInteger ownGasKey(SealedNodeSecrets secrets) {
        SealedSecret own = storage.secret(MEMBERSHIP_GAS_KEY).orElseGet(() -> storage.saveSecretIfAbsent(
                MEMBERSHIP_GAS_KEY, secrets.generate(MEMBERSHIP_GAS_KEY, MembershipNode::accountAddress)));
        return secrets.open(MEMBERSHIP_GAS_KEY, own, MembershipNode::accountAddress);
    }

    private static byte[] accountAddress(BigInteger k) {
        return HEX.parseHex(org.web3j.crypto.Keys.getAddress(ECKeyPair.create(k).getPublicKey()));
    }

    /** Tops the driver's account up from the node's board gas account (one transfer, retried on the next tick). */
    private void fundOwnGas(Credentials from, Credentials to) {
        try (EvmClient c = EvmClient.connect(settings.evmRpcUrl(), settings.evmChainId(), from)) {
            BigInteger balance = c.web3j().ethGetBalance(to.getAddress(),
                    org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getBalance();
            if (balance.compareTo(ONE_ETHER) >= 0) {
                return;
            }
            new org.web3j.tx.Transfer(c.web3j(), c.transactionManager()).sendFunds(to.getAddress(),
                    java.math.BigDecimal.valueOf(2), org.web3j.utils.Convert.Unit.ETHER).send();
            LOG.info(() -> "funded the membership gas account " + to.getAddress());
        } catch (Exception e) {
            throw new IllegalStateException("funding the membership gas account: " + e.getMessage(), e);
        }
    }

    private static byte[] concat04(byte[] key64) {
        byte[] out = new byte[65];
        out[0] = 4;
        System.arraycopy(key64, 0, out, 1, 64);
        return out;
    }

    // -------------------------------------------------------------------------------------------- each tick

    private void advance() {
        Parts p = parts;
        long e = p.registry().currentEpoch();
        if (e < 2) {
            status = view(MembershipStatus.Role.WAITING, e, "waiting for the founders' stakes (epoch 2)");
            return;
        }
        if (e != channelEpoch) {
            enterEpoch(e);
        }
        EpochRecord current = epochRecord;
        boolean member = current.hasMember(p.me());
        MembershipStatus.Role role = member ? MembershipStatus.Role.MEMBER
                : p.registry().memberIndex(p.me()) != 0 ? MembershipStatus.Role.FORMER_MEMBER
                : membership.joinStake().isPresent() ? MembershipStatus.Role.CANDIDATE : MembershipStatus.Role.NONE;
        if (role == MembershipStatus.Role.CANDIDATE) {
            registerIfNeeded(p);
        }
        if (member && leaveAsked) {
            sendLeaveRequest(p);
        }
        if (member) {
            returnStakes(p, e, current);
        }
        readChannel(p, e, current);
        if (opened == null) {
            if (member) {
                propose(p, e, current, 1);
            }
            status = view(role, e, sessionDetail);
            return;
        }
        followSession(p, e, current, member);
        if (!completed && attempts.over(channelHead)) {
            // Both rounds closed long ago and no new sharing came of it here (too few dealers, a vanished
            // participant, members that would not take part): open the epoch's resharing again rather than wait.
            String kind = opened.opening().kind().name();
            sessionDetail = "the " + kind + " (attempt " + opened.number() + ") ended without a new sharing here"
                    + (aborted ? " (aborted)" : "") + "; it is opened again";
            if (member) {
                propose(p, e, current, opened.number() + 1);
            }
        }
        status = view(role, e, sessionDetail);
    }

    /** A new epoch: the last one's session (if any) is over for this node. */
    private void enterEpoch(long e) {
        dropSession();
        channelEpoch = e;
        epochRecord = parts.registry().epoch(e);
        epochSet = parts.members().of(e);
        opened = null;
        attempts = new ReshareAttempts(membership.roundBlocks());
        channelHead = 0;
        completed = false;
        aborted = false;
        completedAt = null;
        proposedAttempt = 0;
        sessionDetail = null;
        returnDueSince = null;
        String reader = channelReader(e);
        channelCursor = new BoardCursor(storage.cursor(reader, parts.board().address()).orElse(0L));
    }

    private String channelReader(long e) {
        return "membership-" + HEX.formatHex(ReshareOpening.channel(parts.registry().address(), e).bytes());
    }

    private void registerIfNeeded(Parts p) {
        Optional<Candidacy> known = p.registry().candidacy(p.me());
        if (known.isPresent()) {
            return;
        }
        Candidacy c = new Candidacy(p.identity64(), p.encryptionKey(), membership.joinStake().orElseThrow());
        p.registry().registerCandidate(c, p.identity().boardSigner().sign(p.registry().candidacyDigest(c)));
        LOG.info(() -> "registered as a candidate with stake " + c.stake() + " at registry " + p.registry().address());
    }

    private void sendLeaveRequest(Parts p) {
        if (p.registry().leaveRequestedIn(p.me()) == 0) {
            String data = io.synod.chain.evm.contracts.GroupRegistry.load(p.registry().address(),
                    p.client().web3j(), p.client().transactionManager(), p.client().gasProvider())
                    .requestLeave().encodeFunctionCall();
            IdentityTransactions.send(p.client(), p.identity().boardSigner(), p.me(), p.registry().address(), data);
            LOG.info(() -> "asked the registry to leave the group (identity " + p.me() + ")");
        }
        leaveAsked = false;
    }

    /**
     * Reads the epoch's membership channel: valid openings by members of the epoch, numbered into attempts
     * ({@link ReshareAttempts}, the same at every member). This node follows the latest attempt unless it completed an
     * earlier one (it then waits for that rotation). The stored cursor stays at the first opening, so a restarted node
     * numbers the attempts again from the board.
     */
    private void readChannel(Parts p, long e, EpochRecord current) {
        SessionId channel = ReshareOpening.channel(p.registry().address(), e);
        BoardRead read = p.board().read(channel, channelCursor);
        for (BoardEntry entry : read.entries()) {
            if (entry.round() != ReshareOpening.ROUND || !current.hasMember(entry.sender())) {
                continue;
            }
            try {
                ReshareOpening o = ReshareOpening.decode(entry.payload());
                attempts.offer(o, entry.block(), entry.sender()).ifPresent(a -> LOG.info(() -> "epoch " + e
                        + " closes with a " + o.kind() + " of " + o.subject() + " opened by " + entry.sender()
                        + " at board block " + entry.block() + " (attempt " + a.number() + ")"));
            } catch (IllegalArgumentException malformed) {
                LOG.fine(() -> "ignoring a malformed opening from " + entry.sender() + ": " + malformed.getMessage());
            }
        }
        channelCursor = read.next();
        channelHead = read.headBlock();
        long stored = attempts.first().map(Attempt::block).orElse(read.next().nextBlock());
        storage.advanceCursor(channelReader(e), p.board().address(), stored, read.headBlock());
        Optional<Attempt> latest = attempts.latest();
        if (latest.isPresent() && (opened == null || latest.get().number() > opened.number() && !completed)) {
            if (opened != null) {
                dropSession();
                aborted = false;
                LOG.warning(() -> "the " + opened.opening().kind() + " of " + opened.opening().subject()
                        + " (attempt " + opened.number() + ") ended without a new epoch; following attempt "
                        + latest.get().number());
            }
            opened = latest.get();
            sessionDetail = null;
        }
    }

    /** What this member would open: an exclusion its book decided, a requested leave, a candidate it verified. */
    private void propose(Parts p, long e, EpochRecord current, int attempt) {
        if (proposedAttempt >= attempt) {
            return;
        }
        MemberSet set = epochSet;
        Optional<ReshareOpening> o = Optional.empty();
        Optional<Exclusion> x = book.nextToLeaveOut(set);
        Optional<String> leaver = current.members().stream()
                .filter(m -> p.registry().leaveRequestedIn(m) != 0).findFirst();
        // A convicted member goes first (it must not deal again); a member that asked to leave goes before one
        // excluded for missed deadlines (it cooperates, and its stake comes back).
        boolean convicted = x.filter(ex -> ex.cause() == ExclusionCause.CONVICTED).isPresent();
        if (convicted || (x.isPresent() && leaver.isEmpty())) {
            o = shrinkable(set, "an exclusion").map(ok -> opening(p, e, ReshareKind.EXCLUSION, x.get().member()));
        } else if (leaver.isPresent()) {
            o = shrinkable(set, "a leave").map(ok -> opening(p, e, ReshareKind.LEAVE, leaver.get()));
        }
        if (o.isEmpty()) {
            for (Candidacy c : p.registry().openCandidacies()) {
                if (verify(p, c).accepted()) {
                    o = Optional.of(opening(p, e, ReshareKind.JOIN, c.address()));
                    break;
                }
            }
        }
        if (o.isPresent()) {
            ReshareOpening open = o.get();
            p.board().post(ReshareOpening.channel(p.registry().address(), e), ReshareOpening.ROUND, open.encode());
            proposedAttempt = attempt;
            LOG.info(() -> "opened a " + open.kind() + " of " + open.subject() + " on epoch " + e + "'s channel"
                    + " (attempt " + attempt + ")");
        }
    }

    /** A group keeps at least three members (n = 2t+1 with t = 1): a smaller one waits for a candidate first. */
    private Optional<Boolean> shrinkable(MemberSet set, String what) {
        if (set.size() - 1 < MIN_MEMBERS) {
            sessionDetail = what + " would leave fewer than " + MIN_MEMBERS + " members: waiting";
            return Optional.empty();
        }
        return Optional.of(true);
    }

    private ReshareOpening opening(Parts p, long e, ReshareKind kind, String subject) {
        return new ReshareOpening(kind, subject, ownSharing(p, e).commitments());
    }

    /** This member's stored sharing serving epoch {@code e} (public part only). */
    private GroupKey ownSharing(Parts p, long e) {
        StoredKeyShare s = storage.latestShare(p.groupId(), e).orElseThrow(() -> new IllegalStateException(
                "no share of epoch " + e + " stored here"));
        return sharingOf(s);
    }

    private static GroupKey sharingOf(StoredKeyShare s) {
        List<ECPoint> cs = s.commitmentList().stream().map(b -> Secp256k1.tryDecode(b).orElseThrow()).toList();
        return new GroupKey(s.threshold(), IndexSet.of(s.members().stream().mapToInt(Integer::intValue).toArray()),
                cs, BigInteger.ZERO);
    }

    private StakeVerdict verify(Parts p, Candidacy c) {
        StakeVerdict v = p.stakes().verify(c.address(), c.stake(), p.registry().stakesInUseBesides(c.address()));
        if (v.accepted()) {
            p.rotation().stakeVerified(c.stake());
        }
        return v;
    }

    // -------------------------------------------------------------------------------------------- the session

    private void followSession(Parts p, long e, EpochRecord current, boolean member) {
        MemberSet old = epochSet;
        ReshareOpening o = opened.opening();
        GroupKey oldGroup = new GroupKey(old.t(), old.indices(), o.commitments(), BigInteger.ZERO);
        ReshareSession s;
        int self;
        try {
            s = session(p, e, old, oldGroup, o);
        } catch (IllegalArgumentException | IllegalStateException bad) {
            sessionDetail = "the opening cannot be followed: " + bad.getMessage();
            return;
        }
        if (member) {
            self = old.byAddress(p.me()).orElseThrow().index();
        } else if (o.kind() == ReshareKind.JOIN && o.subject().equals(p.me())) {
            self = s.newMembers().byAddress(p.me()).orElseThrow().index();
        } else {
            sessionDetail = "not taking part in the " + o.kind();
            return;
        }
        if (!s.isDealer(self) && !s.isReceiver(self)) {
            sessionDetail = "left out of the " + o.kind();
            return;
        }
        if (aborted) {
            return;
        }
        if (!completed && coordinator == null) {
            Optional<String> refusal = disagreement(p, s, o, member);
            if (refusal.isPresent()) {
                sessionDetail = "not taking part: " + refusal.get();
                return;
            }
            openCoordinator(p, e, s, self, oldGroup);
        }
        if (coordinator != null) {
            ReshareCoordinator.Status st = coordinator.step();
            sessionDetail = null;
            if (st != ReshareCoordinator.Status.RUNNING) {
                coordinator.result().ifPresent(this::judge);
            }
            if (st == ReshareCoordinator.Status.COMPLETE) {
                dropSession();
                completed(p, e, s);
            } else if (st == ReshareCoordinator.Status.ABORTED) {
                String why = coordinator.failure().orElse("aborted");
                dropSession();
                aborted = true;
                sessionDetail = "the " + o.kind() + " aborted here: " + why;
                LOG.warning(() -> "resharing " + s.id() + " aborted: " + why);
            }
        }
        if (completed && member && p.registry().currentEpoch() == e) {
            rotate(p, e, current, s, old);
        }
    }

    private ReshareSession session(Parts p, long e, MemberSet old, GroupKey oldGroup, ReshareOpening o) {
        String registry = p.registry().address();
        long start = opened.block();
        ReshareSession first = switch (o.kind()) {
            case JOIN -> {
                Candidacy c = p.registry().candidacy(o.subject()).orElseThrow(() -> new IllegalStateException(
                        o.subject() + " is not a registered candidate"));
                yield ReshareSession.join(registry, e, old, oldGroup, c, p.registry().nextIndex(),
                        ThresholdPolicy.ONE_SPARE, start, membership.roundBlocks());
            }
            case LEAVE -> ReshareSession.leave(registry, e, old, oldGroup, indexOf(old, o.subject()),
                    ThresholdPolicy.ONE_SPARE, start, membership.roundBlocks());
            case EXCLUSION -> ReshareSession.exclusion(registry, e, old, oldGroup, indexOf(old, o.subject()),
                    ThresholdPolicy.ONE_SPARE, start, membership.roundBlocks());
        };
        return first.attempt(opened.number());
    }

    private static int indexOf(MemberSet set, String address) {
        return set.byAddress(address).orElseThrow(() -> new IllegalStateException(address + " is not a member"))
                .index();
    }

    /** Why this node does not take part (empty: it agrees with the opening). */
    private Optional<String> disagreement(Parts p, ReshareSession s, ReshareOpening o, boolean member) {
        if (!member) {
            return Secp256k1.encode(o.commitments().get(0)).length == 33
                    && java.util.Arrays.equals(Secp256k1.encode(o.commitments().get(0)), p.groupKey())
                    ? Optional.empty() : Optional.of("the opening's sharing is not of the registry's group key");
        }
        if (!ownSharing(p, s.fromEpoch()).commitments().equals(o.commitments())) {
            return Optional.of("the opening's commitments are not this member's sharing");
        }
        return switch (o.kind()) {
            case JOIN -> {
                Candidacy c = p.registry().candidacy(o.subject()).orElseThrow();
                StakeVerdict v = verify(p, c);
                yield v instanceof StakeVerdict.Refused r ? Optional.of("stake refused: " + r.refusal().reason()
                        + " (" + r.refusal().detail() + ")") : Optional.empty();
            }
            case LEAVE -> p.registry().leaveRequestedIn(o.subject()) != 0 ? Optional.empty()
                    : Optional.of(o.subject() + " never asked to leave");
            case EXCLUSION -> book.exclusionOf(o.subject()).isPresent() ? Optional.empty()
                    : Optional.of("this member's book has not excluded " + o.subject());
        };
    }

    private void openCoordinator(Parts p, long e, ReshareSession s, int self, GroupKey oldGroup) {
        SeedSealer sealer = new VaultSeedSealer(p.vault(), self);
        SessionStore store = CoordinationStorage.sessionStore(storage, sealer);
        Optional<GenesisCheckpoint> checkpoint = store.load(s.id());
        if (checkpoint.isPresent() && checkpoint.get().finished()) {
            completed(p, e, s);
            return;
        }
        if (s.isDealer(self)) {
            StoredKeyShare stored = storage.latestShare(p.groupId(), e).orElseThrow();
            oldShare = p.vault().withShare(SealingShareSink.context(p.groupId(), self, stored.epoch()),
                    SealedShare.decode(stored.sealedShare()), x -> new KeyShare(self, new BigInteger(1, x.bytes()),
                            oldGroup));
        }
        SealingShareSink sink = new SealingShareSink(p.vault(), storage::saveShare, p.groupId(), e + 1);
        SecretScalar y = new SecretScalar(p.decryptionKey());
        coordinator = checkpoint.isPresent()
                ? ReshareCoordinator.resume(s, self, p.identity().messageSigner(), y, Optional.ofNullable(oldShare),
                        p.board(), store, sink)
                : ReshareCoordinator.start(s, self, p.identity().messageSigner(), y, Optional.ofNullable(oldShare),
                        p.board(), store, sink);
        drill.arm(coordinator);
        LOG.info(() -> (checkpoint.isPresent() ? "resuming" : "starting") + " the " + s.kind() + " resharing "
                + s.id() + " as member " + self + " (" + s.oldMembers() + " -> " + s.newMembers() + ")");
    }

    /**
     * The resharing's complaints go to this member's own judgement (the path signing evidence takes): a dealer the
     * evidence convicts is excluded in the next epoch (its own resharing, opened by {@link #propose}) and its stake
     * confiscated by the misbehaviour node; a complaint that convicts nobody records its author.
     */
    private void judge(ReshareResult r) {
        MisbehaviourIntake.Taken taken = new ResharingIntake(new MisbehaviourDesk(book, Clock.systemUTC())).take(r);
        taken.convicted().forEach(c -> LOG.warning(() -> "MISBEHAVIOUR: " + c + " dealt a resharing dealing that"
                + " contradicts its commitments or its public share in resharing " + r.session().id()
                + "; convicted by evidence this member verified on the board; excluded from the next epoch, its stake"
                + " to be confiscated"));
        taken.falseAccusers().forEach(a -> LOG.warning(() -> "MISBEHAVIOUR: " + a + " complained in resharing "
                + r.session().id() + " about a dealing that was fine; recorded as a false accuser"));
        r.leftOutWithoutEvidence().forEach(d -> LOG.warning(() -> "resharing " + r.session().id() + " left dealer "
                + d + " out without evidence against it"));
    }

    /**
     * This node's part is done: it expects exactly the new epoch its resharing produced, and (as a receiver) its
     * signing of the new epoch starts reading the board where the resharing started.
     */
    private void completed(Parts p, long e, ReshareSession s) {
        if (completed) {
            return;
        }
        completed = true;
        completedAt = Instant.now();
        p.rotation().expect(e + 1, s.newMembers());
        if (s.newMembers().byAddress(p.me()).isPresent()) {
            String reader = SigningNode.channelReader(SigningChannel.channelOf(e + 1, p.groupKey()));
            if (storage.cursor(reader, p.board().address()).isEmpty()) {
                storage.advanceCursor(reader, p.board().address(), s.startBlock(), s.startBlock());
            }
        }
        LOG.info(() -> "the " + s.kind() + " resharing " + s.id() + " completed here: epoch " + (e + 1) + " is "
                + s.newMembers());
    }

    /** The old group signs the next epoch; members take turns (index order, one takeover period apart). */
    private void rotate(Parts p, long e, EpochRecord current, ReshareSession s, MemberSet old) {
        int rank = rank(old, p.me());
        if (Duration.between(completedAt, Instant.now()).compareTo(membership.takeover().multipliedBy(rank)) < 0) {
            sessionDetail = "resharing done; waiting for the rotation (turn " + rank + ")";
            return;
        }
        List<Outpoint> stakes = new ArrayList<>();
        for (String m : s.newMembers().addresses()) {
            stakes.add(current.hasMember(m) ? current.stakeOf(m)
                    : p.registry().candidacy(m).map(Candidacy::stake).orElseThrow());
        }
        EpochRecord next = new EpochRecord(e + 1, p.groupKey64(), s.newMembers().t(), s.newMembers().addresses(),
                stakes);
        try {
            GroupSignature sig = signing.sign(new EpochRotationAction(p.registry().address(), next), SIGN_TIMEOUT);
            if (p.registry().currentEpoch() == e) {
                p.registry().rotate(next, sig.ethereum());
            }
            LOG.info(() -> "epoch " + (e + 1) + " recorded: " + next.members());
        } catch (SigningFailed f) {
            sessionDetail = "the rotation to epoch " + (e + 1) + " was not signed: " + f.getMessage();
            completedAt = Instant.now();
        } catch (RuntimeException r) {
            if (p.registry().currentEpoch() == e) {
                throw r;
            }
        }
    }

    private static int rank(MemberSet set, String me) {
        int self = set.byAddress(me).orElseThrow().index();
        return (int) java.util.Arrays.stream(set.indices().indices()).filter(i -> i < self).count();
    }

    // -------------------------------------------------------------------------------------------- stake returns

    /**
     * The members of the previous epoch that asked to leave and are gone get their stake back, minus the fee,
     * unless the registry or this member's book holds it under confiscation; members take turns as for rotations.
     */
    private void returnStakes(Parts p, long e, EpochRecord current) {
        if (e < 3) {
            return;
        }
        EpochRecord previous = p.registry().epoch(e - 1);
        for (String m : previous.members()) {
            if (current.hasMember(m) || returned.contains(m) || p.registry().leaveRequestedIn(m) == 0
                    || p.registry().confiscated(m) || book.isConvicted(m)) {
                continue;
            }
            Outpoint stake = previous.stakeOf(m);
            Optional<JsonNode> out = p.bitcoin().getTxOut(new io.synod.chain.bitcoin.Outpoint(
                    new io.synod.chain.bitcoin.Txid(stake.displayTxid()), stake.vout()), true);
            if (out.isEmpty()) {
                returned.add(m);
                LOG.info(() -> "the stake " + stake + " of " + m + " is spent: returned");
                continue;
            }
            if (returnDueSince == null) {
                returnDueSince = Instant.now();
            }
            MemberSet set = epochSet;
            if (Duration.between(returnDueSince, Instant.now())
                    .compareTo(membership.takeover().multipliedBy(rank(set, p.me()))) < 0) {
                continue;
            }
            Satoshis value = new Satoshis(out.get().path("value").decimalValue()
                    .multiply(java.math.BigDecimal.valueOf(100_000_000L)).longValueExact());
            byte[] key = p.members().identityKey(m).orElseThrow();
            StakeSpendAction a = new StakeSpendAction(ActionKind.STAKE_RETURN_INPUT, m, stake, value,
                    StakeTransactions.returnScript(key), membership.returnFee());
            try {
                GroupSignature sig = signing.sign(a, SIGN_TIMEOUT);
                var tx = StakeTransactions.signed(a, p.groupKey(), sig.r(), sig.s());
                p.bitcoin().sendRawTransaction(tx);
                returned.add(m);
                LOG.info(() -> "returned the stake " + stake + " of " + m + " (" + a.output() + " after a fee of "
                        + a.fee() + "): " + tx.getTxId());
            } catch (SigningFailed f) {
                sessionDetail = "the stake return of " + m + " was not signed: " + f.getMessage();
                returnDueSince = Instant.now();
            }
        }
    }

    // -------------------------------------------------------------------------------------------- view

    private MembershipStatus view(MembershipStatus.Role role, long e, String detail) {
        Optional<MembershipStatus.Resharing> r = Optional.ofNullable(opened).map(o -> new MembershipStatus.Resharing(
                o.opening().kind().name(), o.opening().subject(),
                HEX.formatHex(ReshareSession.attemptId(ReshareSession.sessionId(parts.registry().address(), e,
                        o.opening().kind(), o.opening().subject()), o.number()).bytes()), o.block(),
                completed ? "COMPLETE" : coordinator != null ? "ROUND " + coordinator.stage() : "NOT STARTED",
                completed || coordinator != null, Optional.ofNullable(detail)));
        List<MembershipStatus.Refusal> refusals = book.list().stream()
                .map(x -> new MembershipStatus.Refusal(x.candidate(), x.stake().toString(), x.reason().name(),
                        x.detail())).toList();
        List<String> exclusions = book.exclusions().stream().map(x -> x.member() + " (" + x.cause() + ")").toList();
        return new MembershipStatus(role, e, r, refusals, exclusions, List.copyOf(returned),
                Optional.ofNullable(detail));
    }

    private void dropSession() {
        coordinator = null;
        if (oldShare != null) {
            oldShare.wipe();
            oldShare = null;
        }
    }
}
