package io.synod.coordination.application.internal;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
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
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;

import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.SynodDeployment;
import io.synod.coordination.application.DeployerTurn;
import io.synod.coordination.application.GroupPhase;
import io.synod.coordination.application.GroupStatusService;
import io.synod.coordination.application.RecordedEpoch;
import io.synod.coordination.application.SigningStatus;
import io.synod.coordination.application.SigningStatusService;
import io.synod.coordination.application.signing.BoardGroupSigning;
import io.synod.coordination.application.signing.LivenessMonitor;
import io.synod.coordination.application.signing.SignOutcome;
import io.synod.coordination.application.signing.SigningChannel;
import io.synod.coordination.application.signing.SigningContext;
import io.synod.coordination.application.signing.SigningCoordinator;
import io.synod.coordination.application.signing.VerifierSource;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionVerifiers;
import io.synod.coordination.domain.signing.ApprovalQuorum;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.HeartbeatAction;
import io.synod.coordination.domain.signing.MembershipVerifiers;
import io.synod.membership.application.RegistryMembers;
import io.synod.coordination.domain.signing.HeartbeatVerifier;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.coordination.infrastructure.config.FounderCard;
import io.synod.coordination.infrastructure.config.FoundingSetFile;
import io.synod.coordination.infrastructure.config.GroupDeploymentFile;
import io.synod.coordination.infrastructure.evm.EvidenceBindingAction;
import io.synod.coordination.infrastructure.config.FounderStakesFile;
import io.synod.coordination.infrastructure.evm.EvidenceBindingVerifier;
import io.synod.coordination.infrastructure.evm.FounderStakeVerifier;
import io.synod.membership.application.EpochRotationAction;
import io.synod.membership.domain.EpochRecord;
import io.synod.membership.infrastructure.evm.EvmMembershipRegistry;
import io.synod.shared.domain.Outpoint;
import io.synod.coordination.infrastructure.evm.EvmGenesisRecorder;
import io.synod.coordination.infrastructure.evm.EvmMessageBoard;
import io.synod.coordination.infrastructure.hsm.HsmIdentity;
import io.synod.coordination.infrastructure.hsm.SealedNodeSecrets;
import io.synod.coordination.infrastructure.hsm.SealingShareSink;
import io.synod.coordination.infrastructure.persistence.JpaCoordinationRecords.SealedSecret;
import io.synod.coordination.infrastructure.persistence.StoredKeyShare;
import io.synod.hsm.api.HsmConnectionFactory;
import io.synod.hsm.api.SealedShare;
import io.synod.hsm.vault.HsmShareVault;
import io.synod.hsm.vault.ShareVault;
import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.FoundingSet;
import io.synod.threshold.dkg.GroupKey;
import io.synod.threshold.dkg.KeyShare;
import io.synod.threshold.math.SecretScalar;
import io.synod.threshold.math.Secp256k1;
import io.synod.threshold.sharing.IndexSet;

/**
 * The thin shell that lets this member sign with its group once genesis is complete. On a timer it opens the key
 * share (sealed by the HSM; opened once, held in memory by the signing core and wiped at shutdown), builds the
 * epoch-1 signing channel over the ceremony board and steps {@link SigningCoordinator}: presignatures are topped up
 * in the background (memory only), epoch 1 is recorded in the group's registry (the founder whose turn it is
 * deploys the contracts and proposes the evidence binding; every member checks and signs it, then reads the
 * registry back and compares it with its own genesis), and heartbeats are signed periodically and judged by
 * {@link LivenessMonitor}. The board cursor is persisted after every step, so a restart resumes from the oldest
 * sub-session still open.
 *
 * <p>Other EJBs sign through this bean's {@link GroupSigning} view: {@code @EJB GroupSigning signing;} (or
 * {@code @Inject}); {@code sign} blocks until the group signed or the timeout passed, and throws
 * {@link SigningFailed} while this member cannot sign yet.
 */
@Singleton
@Startup
@Local({GroupSigning.class, SigningStatusService.class, io.synod.coordination.application.SigningJournal.class})
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SigningNode implements GroupSigning, SigningStatusService,
        io.synod.coordination.application.SigningJournal {
    private static final Logger LOG = Logger.getLogger(SigningNode.class.getName());
    private static final HexFormat HEX = HexFormat.of();

    @Resource
    private TimerService timers;

    @Resource(lookup = "java:/synod/hsm")
    private HsmConnectionFactory hsm;

    @EJB
    private CoordinationStorage storage;

    @EJB
    private GroupStatusService genesis;

    @EJB
    private MembershipVerifiers membership;

    /** Verifiers other bounded contexts contribute (peg, membership, misbehaviour), collected at each open. */
    @Inject
    private Instance<VerifierSource> verifierSources;

    private final Ticks ticks = new Ticks(LOG, "signing");
    private volatile SigningStatus status = SigningStatus.of(SigningStatus.Phase.NOT_CONFIGURED,
            "synod.group.founding-set is not set");
    private volatile BoardGroupSigning port;
    private volatile SigningCoordinator coordinator;
    private volatile boolean stopping;

    // Touched only inside a tick (one at a time, see Ticks).
    private NodeSettings settings;
    private SigningSettings signing;
    private FoundingSetFile founding;
    private FoundingSet channelMembers;
    private long epoch;
    private String boardAddress;
    private Instant nextEpochCheck = Instant.EPOCH;
    private Instant nextOpen = Instant.EPOCH;
    private SigningStatus.Heartbeat lastHeartbeat;
    private int self;
    private byte[] groupId;
    private byte[] groupKey64;
    private EvmClient client;
    private ProgressBoard board;
    private String reader;
    private Optional<SynodDeployment.Addresses> recorded = Optional.empty();
    private Optional<SynodDeployment.Addresses> deployedHere = Optional.empty();
    private SigningCoordinator.Ticket bindingTicket;
    private SigningCoordinator.Ticket heartbeatTicket;
    private SigningCoordinator.Ticket stakeTicket;
    private Instant recordedAt;
    private volatile long registryEpoch;
    private long lastHeartbeatPeriod = -1;
    private Instant openedAt;
    private LivenessMonitor liveness;
    /** Payout-kind proposals held back at the last step (logged when it changes). */
    private int payoutsWereHeld;
    private final List<Long> heartbeatBlocks = new ArrayList<>();
    private volatile boolean failed;

    @PostConstruct
    void init() {
        settings = NodeSettings.fromSystemProperties();
        if (settings.foundingSet().isEmpty()) {
            return;
        }
        signing = SigningSettings.fromSystemProperties();
        status = SigningStatus.of(SigningStatus.Phase.AWAITING_GENESIS, "genesis has not completed here");
        schedule(1000);
    }

    private void schedule(long delayMillis) {
        if (!stopping) {
            timers.createSingleActionTimer(delayMillis, new TimerConfig("synod-signing", false));
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        ticks.exclusive(this::close);
    }

    @Override
    public SigningStatus signingStatus() {
        return status;
    }

    @Override
    public GroupSignature sign(SignableAction action, Duration timeout) throws SigningFailed {
        return ready().sign(action, timeout);
    }

    @Override
    public List<GroupSignature> signAll(List<? extends SignableAction> actions, Duration timeout)
            throws SigningFailed {
        return ready().signAll(actions, timeout);
    }

    private BoardGroupSigning ready() throws SigningFailed {
        BoardGroupSigning p = port;
        if (p == null) {
            throw new SigningFailed("this member cannot sign yet: " + status.phase()
                    + status.detail().map(d -> " (" + d + ")").orElse(""), List.of());
        }
        return p;
    }

    @Override
    public byte[] groupPublicKey() {
        BoardGroupSigning p = port;
        if (p == null) {
            throw new IllegalStateException("no group key yet: " + status.phase());
        }
        return p.groupPublicKey();
    }

    @Override
    public Optional<io.synod.coordination.application.signing.SigningEvents> signingEvents() {
        SigningCoordinator c = coordinator;
        return c == null ? Optional.empty()
                : Optional.of(io.synod.coordination.application.signing.SigningEvents.of(epoch, c));
    }

    @Override
    public Optional<EvmClient> sidechain() {
        return coordinator == null ? Optional.empty() : Optional.ofNullable(client);
    }

    @Timeout
    void tick() {
        try {
            ticks.run(() -> {
                if (!failed) {
                    if (coordinator == null && !Instant.now().isBefore(nextOpen)) {
                        open();
                    }
                    if (coordinator != null) {
                        step();
                    }
                }
            }, msg -> {
                close();
                SigningStatus s = status;
                status = new SigningStatus(s.phase(), s.contracts(), 0, s.registryEpoch(), 0, 0, 0, s.suspected(),
                        s.liveness(), s.quorum(), s.payoutQuorum(), s.margin(), s.lastHeartbeat(),
                        Optional.of("retrying after: " + msg));
            });
        } finally {
            if (!failed) {
                schedule(settings.poll().toMillis());
            }
        }
    }

    /**
     * Once this node holds a share serving the registry's current epoch (genesis complete here, or a resharing
     * that admitted it recorded): the member's keys, its share (opened in the HSM), the channel, the core. A share
     * of epoch 1 signs on the ceremony board (epochs 1 and 2: the founders); a reshared one on the group's board,
     * with the members the registry records for its epoch.
     */
    private void open() {
        GroupPhase phase = genesis.groupStatus().phase();
        if (phase != GroupPhase.READY && phase != GroupPhase.NOT_A_FOUNDER) {
            status = SigningStatus.of(SigningStatus.Phase.AWAITING_GENESIS, "genesis phase " + phase);
            return;
        }
        founding = FoundingSetFile.read(settings.foundingSet().orElseThrow());
        groupId = founding.session().id().bytes();
        ShareVault vault = new HsmShareVault(hsm);
        HsmIdentity identity = new HsmIdentity(hsm);
        String me = FounderCard.read(settings.dataDir().resolve(FounderCard.FILE)).identityAddress()
                .toLowerCase(java.util.Locale.ROOT);
        SealedNodeSecrets secrets = new SealedNodeSecrets(vault, new SecureRandom());
        SealedSecret ecies = storage.secret(SealedNodeSecrets.DKG_DECRYPTION_KEY).orElseThrow();
        SealedSecret gas = storage.secret(SealedNodeSecrets.BOARD_GAS_KEY).orElseThrow();
        recorded = GroupDeploymentFile.read(settings.dataDir(), groupId, settings.evmChainId())
                .map(GroupDeploymentFile::addresses);
        BigInteger gasKey = secrets.open(SealedNodeSecrets.BOARD_GAS_KEY, gas, k -> HEX.parseHex(
                org.web3j.crypto.Keys.getAddress(ECKeyPair.create(k).getPublicKey())));
        client = EvmClient.connect(settings.evmRpcUrl(), settings.evmChainId(),
                Credentials.create(ECKeyPair.create(gasKey)));
        registryEpoch = registry().map(EvmMembershipRegistry::currentEpoch).orElse(0L);
        Optional<StoredKeyShare> latest = storage.latestShare(groupId, Math.max(1, registryEpoch));
        if (latest.isEmpty() || (registryEpoch >= 2 && !registry().orElseThrow().epoch(registryEpoch).hasMember(me))) {
            String why = latest.isEmpty() ? "this node holds no share of the group yet"
                    : "this node is not a member of the registry's epoch " + registryEpoch;
            close();
            nextOpen = Instant.now().plusSeconds(3); // nothing to sign with yet: look again in a while
            status = SigningStatus.of(latest.isEmpty() ? SigningStatus.Phase.AWAITING_GENESIS
                    : SigningStatus.Phase.NOT_A_MEMBER, why);
            return;
        }
        StoredKeyShare stored = latest.get();
        epoch = stored.epoch();
        FoundingSet members = epoch == SealingShareSink.GENESIS_EPOCH ? founding.founders()
                : asFoundingSet(new RegistryMembers(registry().orElseThrow(), founding.founders()).of(epoch));
        FoundingMember member = members.byAddress(me).orElseThrow(() -> new IllegalStateException(
                "this node's identity " + me + " is not a member of signing epoch " + epoch));
        self = member.index();
        List<ECPoint> commitments = stored.commitmentList().stream()
                .map(b -> Secp256k1.tryDecode(b).orElseThrow()).toList();
        GroupKey group = new GroupKey(stored.threshold(),
                IndexSet.of(stored.members().stream().mapToInt(Integer::intValue).toArray()), commitments,
                BigInteger.ZERO);
        byte[] compressed = group.baseKey().getEncoded(true);
        byte[] full = group.baseKey().normalize().getEncoded(false);
        groupKey64 = java.util.Arrays.copyOfRange(full, 1, 65);
        KeyShare share = vault.withShare(SealingShareSink.context(groupId, self, epoch),
                SealedShare.decode(stored.sealedShare()),
                s -> new KeyShare(self, new BigInteger(1, s.bytes()), group));
        if (!group.publicShare(self).equals(Secp256k1.mulG(share.secret()).normalize())) {
            share.wipe();
            throw new IllegalStateException("the opened share does not match this member's public share");
        }
        BigInteger decryption = secrets.open(SealedNodeSecrets.DKG_DECRYPTION_KEY, ecies,
                SealedNodeSecrets::compressedPoint);

        var channelId = SigningChannel.channelOf(epoch, compressed);
        reader = channelReader(channelId);
        boardAddress = epoch == SealingShareSink.GENESIS_EPOCH ? founding.board() : recorded.orElseThrow().board();
        EvmMessageBoard evmBoard = new EvmMessageBoard(client, boardAddress, identity.boardSigner());
        // A reshared epoch's channel starts where its resharing did (the membership driver stores that cursor).
        long from = storage.cursor(reader, boardAddress).orElse(epoch == SealingShareSink.GENESIS_EPOCH
                ? founding.session().startBlock() : evmBoard.headBlock());
        SigningChannel channel = new SigningChannel(channelId, members, from, signing.roundBlocks(),
                signing.roundSeconds(), signing.poolLevel(), signing.presignBatch());
        board = new ProgressBoard(evmBoard);
        SigningCoordinator[] self1 = new SigningCoordinator[1];
        FounderStakeVerifier founderStakes = new FounderStakeVerifier(this::registry, groupKey64, compressed,
                founding.founders(), groupId, this::announcedStakes, SigningSettings.bitcoin().orElseThrow(
                        () -> new IllegalStateException("synod.bitcoin.rpc-url is not set: stakes cannot be checked")),
                signing.stakePolicy());
        List<ActionVerifier> own = new ArrayList<>(List.of(
                new HeartbeatVerifier(epoch, () -> self1[0].headBlock(), signing.heartbeatMaxAgeBlocks()),
                new EvidenceBindingVerifier(client, groupKey64, founding.founders(), groupId, () -> recorded),
                new EpochRotations(founderStakes, membership.epochRotation())));
        own.addAll(contributed(new SigningContext(epoch, self, members, founding.founders(), groupId, groupKey64,
                compressed, client, () -> recorded, () -> self1[0] == null ? 0 : self1[0].headBlock(), SigningSettings.bitcoin(),
                settings.dataDir())));
        ActionVerifiers verifiers = new ActionVerifiers(own);
        SigningCoordinator c = new SigningCoordinator(channel, self, identity.messageSigner(),
                new SecretScalar(decryption), share, verifiers, board);
        self1[0] = c;
        DrillSettings.fromSystemProperties(settings.network()).arm(c);
        channelMembers = members;
        liveness = new LivenessMonitor(new ApprovalQuorum(members.size(), members.t()), signing.livenessMargin());
        payoutsWereHeld = 0;
        openedAt = Instant.now();
        // Tickets name proposals of the coordinator they came from: a rebuilt one knows none of them, and a ticket
        // kept across would wait forever for an outcome (the epoch-2 proposal then waited for another founder's turn).
        bindingTicket = null;
        heartbeatTicket = null;
        stakeTicket = null;
        coordinator = c;
        port = new BoardGroupSigning(c, settings.poll());
        LOG.info(() -> "signing opened: member " + self + " of " + members.size() + " (t " + members.t()
                + ") in signing epoch " + epoch + ", channel " + channelId + " on board " + boardAddress
                + " from block " + from
                + recorded.map(a -> ", registry " + a.registry() + " at epoch " + registryEpoch)
                        .orElse(", epoch 1 not recorded yet"));
    }

    /** The reader name a signing channel's board cursor is kept under. */
    static String channelReader(io.synod.shared.domain.SessionId channelId) {
        return "signing-" + HEX.formatHex(channelId.bytes());
    }

    private static FoundingSet asFoundingSet(io.synod.membership.domain.MemberSet set) {
        return FoundingSet.ofEpoch(set);
    }

    /**
     * EPOCH_ROTATION: epoch 2 records the founders' stakes (checked against the founders' announced payments);
     * every later epoch follows a resharing (checked by the membership driver against this member's own result).
     */
    private record EpochRotations(FounderStakeVerifier founders, ActionVerifier reshared) implements ActionVerifier {
        @Override
        public ActionKind kind() {
            return ActionKind.EPOCH_ROTATION;
        }

        @Override
        public io.synod.coordination.domain.signing.SigningTarget approve(byte[] encoded)
                throws io.synod.coordination.domain.signing.ActionRefused {
            EpochRotationAction a = ActionVerifier.decodeOrRefuse(kind(), encoded, EpochRotationAction::decode);
            return a.next().epoch() <= 2 ? founders.approve(encoded) : reshared.approve(encoded);
        }
    }

    /**
     * True when the registry moved to an epoch this node holds a newer share for, or one it is no longer a member
     * of: the core of the old epoch (its presignature pool included) is dropped and the next tick opens the new one.
     */
    private boolean epochChanged() {
        if (recorded.isEmpty() || Instant.now().isBefore(nextEpochCheck)) {
            return false;
        }
        nextEpochCheck = Instant.now().plusSeconds(2);
        EvmMembershipRegistry r = registry().orElseThrow();
        long e = r.currentEpoch();
        boolean moved = e != registryEpoch;
        registryEpoch = e;
        // A share of a later epoch may be stored after the registry moved (this member finished its part late).
        boolean newer = storage.latestShare(groupId, e).map(StoredKeyShare::epoch).orElse(0L) > epoch;
        String me = FounderCard.read(settings.dataDir().resolve(FounderCard.FILE)).identityAddress();
        return newer || (moved && e >= 2 && !r.epoch(e).hasMember(me));
    }

    /**
     * The verifiers every {@link VerifierSource} bean contributes. A source that fails is skipped (its kinds are then
     * refused here, never signed unchecked); two verifiers for one kind still fail the open in ActionVerifiers.
     */
    private List<ActionVerifier> contributed(SigningContext context) {
        List<ActionVerifier> all = new ArrayList<>();
        if (verifierSources == null) {
            return all;
        }
        for (VerifierSource source : verifierSources) {
            try {
                List<ActionVerifier> v = source.verifiers(context);
                all.addAll(v);
                LOG.fine(() -> "verifiers from " + source.getClass().getSimpleName() + ": "
                        + v.stream().map(x -> x.kind().name()).toList());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "verifier source " + source.getClass().getName() + " failed; the kinds it "
                        + "would check are refused by this member", e);
            }
        }
        return all;
    }

    private void step() {
        SigningCoordinator c = coordinator;
        c.step();
        if (recorded.isEmpty()) {
            recordEpochOne(c);
        } else if (registryEpoch < 2) {
            recordFounderStakes(c);
        }
        heartbeat(c);
        for (LivenessMonitor.Report r : liveness.observe(c.outcomes())) {
            if (r.state() == LivenessMonitor.State.HEALTHY) {
                LOG.fine(() -> "heartbeat " + r.heartbeat() + ": " + r.responders().size() + " members answered");
            } else if (r.state() == LivenessMonitor.State.PAYOUTS_STALLED) {
                // Its own line: other actions still sign, so an operator watching only for failures would miss it.
                LOG.warning(() -> "LIVENESS PAYOUTS_STALLED: only " + r.responders().size() + " members ("
                        + r.responders() + ") answered heartbeat " + r.heartbeat() + "; the group still signs with "
                        + r.quorum() + " but payouts, refunds, stake returns and confiscations need " + r.payoutQuorum()
                        + " approvals and wait until " + (r.payoutQuorum() - r.responders().size())
                        + " more member(s) answer");
            } else {
                LOG.warning(() -> "LIVENESS " + r.state() + ": only " + r.responders().size() + " members ("
                        + r.responders() + ") answered heartbeat " + r.heartbeat() + "; the group needs "
                        + r.quorum() + " to sign (" + r.payoutQuorum() + " to pay out) and this node warns below "
                        + (r.quorum() + r.margin()) + (r.signed() ? "" : "; the heartbeat was NOT signed"));
            }
        }
        int held = c.payoutsHeld();
        if (held != payoutsWereHeld) {
            if (held > 0) {
                LOG.warning(() -> "PAYOUTS HELD: " + held + " payout-kind proposal(s) wait unproposed: members "
                        + c.suspected() + " are suspected offline, fewer than the " + c.approvals().payouts()
                        + " approvals they need remain; other actions go on");
            } else {
                LOG.info(() -> "no payout-kind proposal held any more: " + (c.payoutQuorumShort()
                        ? "their callers gave up (they retry on their own schedule)"
                        : c.approvals().payouts() + " or more members are unsuspected again; they are proposed"));
            }
            payoutsWereHeld = held;
        }
        storage.advanceCursor(reader, boardAddress, c.resumeBlock(), c.headBlock());
        status = running(c, held == 0 ? null : held + " payout-kind proposal(s) held back: members " + c.suspected()
                + " are suspected offline and payouts need " + c.approvals().payouts() + " approvals");
        if (epochChanged()) {
            long from = epoch;
            close();
            LOG.info(() -> "the registry is at epoch " + registryEpoch + ": signing epoch " + from
                    + " closed (its presignatures discarded); reopening");
            status = SigningStatus.of(SigningStatus.Phase.AWAITING_GENESIS, "switching to registry epoch "
                    + registryEpoch);
        }
    }

    /**
     * Epoch 1: the first binding the group signed names the contracts; every member binds (if nobody did yet),
     * attaches (the deployment's self-check), reads epoch 1 back and compares it with its own genesis before
     * recording the addresses. The founder whose turn it is deploys and proposes the binding.
     */
    private void recordEpochOne(SigningCoordinator c) {
        List<SigningCoordinator.SignedAction> signed = c.signed(ActionKind.EVIDENCE_BINDING);
        if (!signed.isEmpty()) {
            SigningCoordinator.SignedAction first = signed.get(0);
            EvidenceBindingAction a = EvidenceBindingAction.decode(first.encodedAction());
            GroupSignature sig = first.outcome().signature().orElseThrow();
            SynodDeployment.bind(client, a.addresses(), sig.ethereum());
            RecordedEpoch e = EvmGenesisRecorder.read(client, a.addresses());
            try {
                e.requireMatches(groupKey64, founding.founders());
            } catch (IllegalStateException mismatch) {
                failed = true;
                status = new SigningStatus(SigningStatus.Phase.FAILED, Optional.of(contracts(a.addresses())), 0, 0,
                        0, 0, 0, List.of(), "UNKNOWN", 0, 0, 0, Optional.empty(), Optional.of(mismatch.getMessage()));
                LOG.severe("the recorded epoch 1 at " + a.addresses().registry() + " is not this member's genesis: "
                        + mismatch.getMessage() + "; this member signs nothing more");
                close();
                throw new IllegalStateException(mismatch.getMessage(), mismatch);
            }
            new GroupDeploymentFile(groupId, settings.evmChainId(), a.addresses()).write(settings.dataDir());
            recorded = Optional.of(a.addresses());
            registryEpoch = 1;
            LOG.info(() -> "epoch 1 recorded and checked: registry " + a.addresses().registry() + ", board "
                    + a.addresses().board() + ", evidence " + a.addresses().evidence());
            return;
        }
        if (bindingTicket != null) {
            Optional<SignOutcome> o = c.outcome(bindingTicket);
            if (o.isPresent() && o.get().status() == SignOutcome.Status.FAILED) {
                LOG.warning(() -> "the evidence binding was not signed: " + o.get().reason() + "; proposing again");
                bindingTicket = null;
            }
            return;
        }
        DeployerTurn turn = new DeployerTurn(founding.founders(), self, signing.deployTakeover());
        if (!turn.due(Duration.between(openedAt, Instant.now()))) {
            return;
        }
        if (deployedHere.isEmpty()) {
            SynodDeployment.Addresses a = EvmGenesisRecorder.deployUnbound(client, groupKey64, founding.founders(),
                    groupId);
            deployedHere = Optional.of(a);
            LOG.info(() -> "deployed the group's contracts (rank " + turn.rank() + "): registry " + a.registry()
                    + "; proposing the evidence binding to the group");
        }
        bindingTicket = c.propose(new EvidenceBindingAction(settings.evmChainId(), deployedHere.get(), epoch));
    }

    private Optional<EvmMembershipRegistry> registry() {
        return recorded.map(a -> new EvmMembershipRegistry(client, a.registry()));
    }

    private Optional<List<Outpoint>> announcedStakes() {
        return signing.founderStakes().flatMap(f -> FounderStakesFile.read(f, groupId, founding.founders()))
                .map(FounderStakesFile::stakes);
    }

    /**
     * Epoch 2 records the founders' real stake outpoints (epoch 1 holds pending-stake markers): once the founders
     * announced their payments, the founder whose turn it is proposes the rotation, every member checks each stake
     * on its own Bitcoin node, and anyone holding the signature submits it. Done when the registry is at epoch 2.
     */
    private void recordFounderStakes(SigningCoordinator c) {
        EvmMembershipRegistry r = registry().orElseThrow();
        registryEpoch = r.currentEpoch();
        if (registryEpoch >= 2) {
            LOG.info(() -> "founders' stakes recorded: registry " + r.address() + " at epoch " + registryEpoch
                    + ", stakes " + r.epoch(2).stakes());
            return;
        }
        List<SigningCoordinator.SignedAction> signed = c.signed(ActionKind.EPOCH_ROTATION);
        if (!signed.isEmpty()) {
            EpochRotationAction a = EpochRotationAction.decode(signed.get(0).encodedAction());
            try {
                r.rotate(a.next(), signed.get(0).outcome().signature().orElseThrow().ethereum());
            } catch (RuntimeException e) {
                if (r.currentEpoch() < 2) {
                    throw e;
                }
                // another holder of the signature submitted it first
            }
            registryEpoch = r.currentEpoch();
            return;
        }
        Optional<List<Outpoint>> announced = announcedStakes();
        if (announced.isEmpty()) {
            return;
        }
        if (stakeTicket != null) {
            Optional<SignOutcome> o = c.outcome(stakeTicket);
            if (o.isPresent() && o.get().status() == SignOutcome.Status.FAILED) {
                LOG.warning(() -> "the founders' stakes were not signed: " + o.get().reason() + " "
                        + o.get().refusals() + "; proposing again");
                stakeTicket = null;
            }
            return;
        }
        if (recordedAt == null) {
            recordedAt = Instant.now();
        }
        if (!new DeployerTurn(founding.founders(), self, signing.deployTakeover())
                .due(Duration.between(recordedAt, Instant.now()))) {
            return;
        }
        FoundingSet f = founding.founders();
        stakeTicket = c.propose(new EpochRotationAction(r.address(),
                new EpochRecord(2, groupKey64, f.t(), f.addresses(), announced.get())));
        LOG.info(() -> "proposing epoch 2 with the founders' stakes " + announced.get());
    }

    /**
     * One heartbeat per period, proposed by the member whose turn it is among those not suspected of being offline
     * (period number modulo their count), so a dead proposer only costs its turn until the others suspect it.
     */
    private void heartbeat(SigningCoordinator c) {
        long period = Instant.now().getEpochSecond() / Math.max(1, signing.heartbeat().toSeconds());
        if (period == lastHeartbeatPeriod) {
            return;
        }
        lastHeartbeatPeriod = period;
        if (heartbeatTicket != null && c.outcome(heartbeatTicket).isEmpty()) {
            return; // the last one still waits for a presignature: do not queue more
        }
        List<Integer> live = new ArrayList<>();
        for (int m : channelMembers.indices().indices()) {
            if (!c.suspected().contains(m)) {
                live.add(m);
            }
        }
        if (live.isEmpty() || live.get((int) (period % live.size())) != self) {
            return;
        }
        heartbeatTicket = c.propose(new HeartbeatAction(epoch, period, c.headBlock()));
    }

    private SigningStatus running(SigningCoordinator c, String detail) {
        Optional<SigningStatus.Heartbeat> settled = liveness.last().flatMap(r -> c.outcomes().stream()
                .filter(o -> o.session().equals(r.heartbeat())).findFirst())
                .flatMap(o -> heartbeatView(c, o));
        // After an epoch switch the new core has settled no heartbeat yet: the last one stays the last one.
        settled.ifPresent(h -> lastHeartbeat = h);
        Optional<SigningStatus.Heartbeat> last = Optional.ofNullable(lastHeartbeat);
        return new SigningStatus(recorded.isPresent() ? SigningStatus.Phase.SIGNING
                : SigningStatus.Phase.RECORDING_EPOCH_1, recorded.map(SigningNode::contracts), c.poolSize(),
                registryEpoch, c.openSessions(), c.signingInProgress(), c.payoutsHeld(), List.copyOf(c.suspected()),
                liveness.state().name(), c.approvals().signers(), c.approvals().payouts(),
                signing.livenessMargin(), last, Optional.ofNullable(detail));
    }

    private Optional<SigningStatus.Heartbeat> heartbeatView(SigningCoordinator c, SignOutcome o) {
        return c.action(o.session()).map(enc -> {
            HeartbeatAction h = HeartbeatAction.decode(enc);
            return new SigningStatus.Heartbeat(h.epoch(), h.sequence(), h.boardBlock(),
                    HEX.formatHex(HeartbeatVerifier.digest(enc)),
                    o.signature().map(s -> hex32(s.r())), o.signature().map(s -> hex32(s.s())),
                    List.copyOf(new java.util.TreeSet<>(o.responders())), o.status() == SignOutcome.Status.SIGNED);
        });
    }

    private static String hex32(BigInteger v) {
        return String.format("%064x", v);
    }

    private static SigningStatus.Contracts contracts(SynodDeployment.Addresses a) {
        return new SigningStatus.Contracts(a.registry(), a.token(), a.redemption(), a.board(), a.evidence());
    }

    /** Drops the core (its pool of presignatures and the opened share are wiped) and the sidechain client. */
    private void close() {
        port = null;
        SigningCoordinator c = coordinator;
        coordinator = null;
        if (c != null) {
            c.close();
        }
        if (client != null) {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing the sidechain client", e);
            }
            client = null;
        }
    }
}
