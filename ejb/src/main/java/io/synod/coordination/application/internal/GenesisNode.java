package io.synod.coordination.application.internal;

import java.math.BigInteger;
import java.nio.file.Files;
import java.security.SecureRandom;
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
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;

import io.synod.chain.evm.EvmClient;
import io.synod.coordination.application.GenesisCoordinator;
import io.synod.coordination.application.GroupPhase;
import io.synod.coordination.application.GroupStatus;
import io.synod.coordination.application.GroupStatusService;
import io.synod.coordination.domain.GenesisCheckpoint;
import io.synod.coordination.domain.SessionStore;
import io.synod.coordination.infrastructure.config.FounderCard;
import io.synod.coordination.infrastructure.config.FoundingSetFile;
import io.synod.coordination.infrastructure.evm.EvmMessageBoard;
import io.synod.coordination.infrastructure.hsm.HsmIdentity;
import io.synod.coordination.infrastructure.hsm.SealedNodeSecrets;
import io.synod.coordination.infrastructure.hsm.SealingShareSink;
import io.synod.coordination.infrastructure.hsm.VaultSeedSealer;
import io.synod.coordination.infrastructure.persistence.JpaCoordinationRecords.SealedSecret;
import io.synod.coordination.infrastructure.persistence.SeedSealer;
import io.synod.coordination.infrastructure.persistence.StoredKeyShare;
import io.synod.hsm.api.HsmConnectionFactory;
import io.synod.hsm.vault.HsmShareVault;
import io.synod.hsm.vault.ShareVault;
import io.synod.membership.domain.FoundingMember;
import io.synod.membership.domain.FoundingSet;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.math.SecretScalar;

/**
 * The thin shell that runs this member's genesis in the server: on a timer it prepares the node's keys (identity
 * in the HSM; ECIES and gas keys sealed by it) and publishes its founder card, waits for the founding set file,
 * then starts or resumes its genesis session (from the checkpoint in its database) and steps it. All protocol
 * logic is in {@link GenesisCoordinator}; this class only wires the HSM, the database and the board to it.
 *
 * <p>A step that throws (the chain or HSM unreachable, the server stopping) drops the coordinator; the next tick
 * resumes it from the checkpoint and the board log, exactly as after a crash.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GenesisNode implements GroupStatusService {
    private static final Logger LOG = Logger.getLogger(GenesisNode.class.getName());
    private static final HexFormat HEX = HexFormat.of();

    @Resource
    private TimerService timers;

    @Resource(lookup = "java:/synod/hsm")
    private HsmConnectionFactory hsm;

    @EJB
    private CoordinationStorage storage;

    private final Ticks ticks = new Ticks(LOG, "genesis");
    private volatile GroupStatus status = GroupStatus.of(GroupPhase.NOT_CONFIGURED, "synod.group.founding-set is not set");

    // Touched only inside a tick (one at a time, see Ticks).
    private NodeSettings settings;
    private ShareVault vault;
    private HsmIdentity identity;
    private FounderCard card;
    private BigInteger decryptionKey;
    private BigInteger gasKey;
    private FoundingSetFile founding;
    private int self;
    private GenesisCoordinator coordinator;
    private ProgressBoard board;
    private EvmClient client;
    private volatile boolean done;

    @PostConstruct
    void init() {
        settings = NodeSettings.fromSystemProperties();
        if (settings.foundingSet().isEmpty()) {
            return;
        }
        status = GroupStatus.of(GroupPhase.PREPARING_KEYS, "starting");
        schedule(1000);
    }

    /** One tick at a time: each tick schedules the next when it ends, so a slow step never queues others. */
    private void schedule(long delayMillis) {
        timers.createSingleActionTimer(delayMillis, new TimerConfig("synod-genesis", false));
    }

    @PreDestroy
    void stop() {
        closeSession();
    }

    @Override
    public GroupStatus groupStatus() {
        return status;
    }

    @Timeout
    void tick() {
        try {
            ticks.run(() -> {
                if (!done) {
                    advance();
                }
            }, msg -> {
                closeSession();
                status = new GroupStatus(status.phase(), status.sessionId(), status.self(), status.round(),
                        status.epoch(), status.groupPublicKey(), status.bitcoinAddress(), status.threshold(),
                        status.members(), status.card(), status.boardHead(), Optional.of("retrying after: " + msg));
            });
        } finally {
            if (!done) {
                schedule(settings.poll().toMillis());
            }
        }
    }

    private void advance() {
        if (card == null) {
            prepareKeys();
        }
        if (founding == null) {
            if (!Files.isRegularFile(settings.foundingSet().orElseThrow())) {
                status = GroupStatus.of(GroupPhase.AWAITING_FOUNDING_SET, "waiting for the founding set at "
                        + settings.foundingSet().get()).withCard(cardView());
                return;
            }
            loadFoundingSet();
            if (founding == null) {
                return;
            }
        }
        if (coordinator == null && !openSession()) {
            return;
        }
        GenesisCoordinator.Status s = coordinator.step();
        storage.advanceCursor("genesis-" + founding.session().id(), founding.board(), board.nextBlock(), board.lastHead());
        switch (s) {
            case RUNNING -> status = running(null);
            case COMPLETE -> {
                StoredKeyShare share = storage.share(founding.session().id().bytes(), SealingShareSink.GENESIS_EPOCH)
                        .orElseThrow(() -> new IllegalStateException("genesis completed but no sealed share was stored"));
                ready(share);
                LOG.info(() -> "genesis complete: member " + self + " of group " + status.groupPublicKey().orElse("?")
                        + ", address " + status.bitcoinAddress().orElse("?"));
            }
            case ABORTED -> {
                done = true;
                status = new GroupStatus(GroupPhase.FAILED, sessionHex(), Optional.of(self), coordinator.stage(), 0,
                        Optional.empty(), Optional.empty(), founding.founders().t(), members(), cardView(),
                        Optional.of(board.lastHead()), Optional.of(coordinator.failure().map(Throwable::getMessage)
                        .orElse("aborted")));
                closeSession();
            }
            default -> throw new IllegalStateException("status " + s);
        }
    }

    /** Identity from the HSM; the ECIES and gas keys generated and sealed on first start, opened into memory. */
    private void prepareKeys() {
        vault = new HsmShareVault(hsm);
        identity = new HsmIdentity(hsm);
        byte[] identity64 = identity.publicKey64();
        SealedNodeSecrets secrets = new SealedNodeSecrets(vault, new SecureRandom());
        SealedSecret ecies = storage.secret(SealedNodeSecrets.DKG_DECRYPTION_KEY).orElseGet(() ->
                storage.saveSecretIfAbsent(SealedNodeSecrets.DKG_DECRYPTION_KEY,
                        secrets.generate(SealedNodeSecrets.DKG_DECRYPTION_KEY, SealedNodeSecrets::compressedPoint)));
        SealedSecret gas = storage.secret(SealedNodeSecrets.BOARD_GAS_KEY).orElseGet(() ->
                storage.saveSecretIfAbsent(SealedNodeSecrets.BOARD_GAS_KEY,
                        secrets.generate(SealedNodeSecrets.BOARD_GAS_KEY, GenesisNode::accountAddress)));
        decryptionKey = secrets.open(SealedNodeSecrets.DKG_DECRYPTION_KEY, ecies, SealedNodeSecrets::compressedPoint);
        gasKey = secrets.open(SealedNodeSecrets.BOARD_GAS_KEY, gas, GenesisNode::accountAddress);
        FounderCard c = new FounderCard(identity64, ecies.publicKey(), "0x" + HEX.formatHex(gas.publicKey()));
        c.write(settings.dataDir().resolve(FounderCard.FILE));
        card = c;
        LOG.info(() -> "founder card written: identity " + c.identityAddress() + ", gas account " + c.gasAddress());
    }

    private static byte[] accountAddress(BigInteger k) {
        return HEX.parseHex(Keys.getAddress(ECKeyPair.create(k).getPublicKey()));
    }

    private void loadFoundingSet() {
        FoundingSetFile f = FoundingSetFile.read(settings.foundingSet().get());
        Optional<FoundingMember> founder = f.founders().byAddress(card.identityAddress());
        if (founder.isEmpty()) {
            // A node that joins the group later by stake: no genesis here (the membership driver takes over).
            done = true;
            status = GroupStatus.of(GroupPhase.NOT_A_FOUNDER, "identity " + card.identityAddress()
                    + " is not in the founding set: this node joins by stake").withCard(cardView());
            LOG.info(() -> "not a founder (" + card.identityAddress() + "): no genesis here");
            return;
        }
        FoundingMember me = founder.get();
        if (!java.util.Arrays.equals(io.synod.threshold.math.Secp256k1.encode(me.encryptionKey()), card.encryptionKey())) {
            throw new IllegalStateException("the founding set names another ECIES key for member " + me.index());
        }
        founding = f;
        self = me.index();
    }

    /** Starts, resumes or (finished before) reports the session; false when there is nothing left to step. */
    private boolean openSession() {
        SessionId id = founding.session().id();
        Optional<StoredKeyShare> stored = storage.share(id.bytes(), SealingShareSink.GENESIS_EPOCH);
        if (stored.isPresent()) {
            ready(stored.get());
            return false;
        }
        SeedSealer sealer = new VaultSeedSealer(vault, self);
        SessionStore store = CoordinationStorage.sessionStore(storage, sealer);
        Optional<GenesisCheckpoint> checkpoint = store.load(id);
        if (checkpoint.isPresent() && checkpoint.get().finished()) {
            throw new IllegalStateException("session " + id + " finished here but no sealed share is stored");
        }
        client = EvmClient.connect(settings.evmRpcUrl(), settings.evmChainId(), Credentials.create(ECKeyPair.create(gasKey)));
        board = new ProgressBoard(new EvmMessageBoard(client, founding.board(), identity.boardSigner()));
        SealingShareSink sink = new SealingShareSink(vault, storage::saveShare);
        SecretScalar y = new SecretScalar(decryptionKey);
        if (checkpoint.isPresent()) {
            coordinator = GenesisCoordinator.resume(founding.session(), self, identity.messageSigner(), y, board, store, sink);
            LOG.info(() -> "resuming genesis " + id + " as member " + self + " from round "
                    + checkpoint.get().postedRound());
        } else {
            coordinator = GenesisCoordinator.start(founding.session(), self, identity.messageSigner(), y, board, store, sink);
            LOG.info(() -> "starting genesis " + id + " as member " + self + " of " + founding.founders().size());
        }
        status = running("session opened");
        return true;
    }

    private GroupStatus running(String detail) {
        return new GroupStatus(GroupPhase.KEY_GENERATION, sessionHex(), Optional.of(self), coordinator.stage(), 0,
                Optional.empty(), Optional.empty(), founding.founders().t(), members(), cardView(),
                Optional.of(board.lastHead()), Optional.ofNullable(detail));
    }

    private void ready(StoredKeyShare share) {
        done = true;
        String address = settings.network().address(
                ScriptBuilder.createP2WPKHOutputScript(ECKey.fromPublicOnly(share.groupPublicKey())));
        status = new GroupStatus(GroupPhase.READY, sessionHex(), Optional.of(self), 0, share.epoch(),
                Optional.of(HEX.formatHex(share.groupPublicKey())), Optional.of(address), share.threshold(), members(),
                cardView(), Optional.ofNullable(board).map(ProgressBoard::lastHead), Optional.empty());
        closeSession();
    }

    private Optional<String> sessionHex() {
        return Optional.of(HEX.formatHex(founding.session().id().bytes()));
    }

    private List<GroupStatus.Member> members() {
        FoundingSet f = founding.founders();
        return f.members().stream()
                .map(m -> new GroupStatus.Member(m.index(), m.address(), HEX.formatHex(m.identityKey()))).toList();
    }

    private Optional<GroupStatus.Card> cardView() {
        return Optional.ofNullable(card).map(c -> new GroupStatus.Card(HEX.formatHex(c.identityKey()),
                c.identityAddress(), HEX.formatHex(c.encryptionKey()), c.gasAddress()));
    }

    private void closeSession() {
        coordinator = null;
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
