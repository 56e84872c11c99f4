package io.synod.peg.application.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import javax.sql.DataSource;

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
import jakarta.inject.Inject;

import io.synod.chain.bitcoin.BitcoinNetwork;
import io.synod.coordination.application.SigningStatus;
import io.synod.coordination.application.SigningStatusService;
import io.synod.coordination.application.internal.Ticks;
import io.synod.coordination.application.signing.SigningContext;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.peg.infrastructure.node.PegTransactions;

/**
 * The thin shell that runs this member's peg inside the server. On a timer ({@code synod.peg.poll-millis}) it waits
 * until the group is ready here (signing open, the contracts recorded and the founders' stakes at epoch 2), then
 * builds the {@link PegRuntime} on the member's signing context and steps it: deposits, mints, sweeps, redemptions,
 * payouts, completion and the invariants. If the signing core reopens (a new context, a new sidechain client) the
 * runtime is built again over the same persisted state. {@code synod.peg.enabled=false} turns it off.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PegNode {
    private static final Logger LOG = Logger.getLogger(PegNode.class.getName());

    @Resource
    private TimerService timers;

    @Resource(lookup = "java:jboss/datasources/SynodDS")
    private DataSource dataSource;

    @EJB
    private GroupSigning signing;

    @EJB
    private SigningStatusService signingStatus;

    @EJB
    private PegTransactions transactions;

    @Inject
    private PegNodeState state;

    private final Ticks ticks = new Ticks(LOG, "peg");
    private PegSettings settings;
    private volatile boolean stopping;

    @PostConstruct
    void init() {
        settings = PegSettings.fromSystemProperties();
        if (!settings.enabled() || System.getProperty("synod.group.founding-set", "").isBlank()) {
            return;
        }
        schedule(2000);
    }

    private void schedule(long delayMillis) {
        if (!stopping) {
            timers.createSingleActionTimer(delayMillis, new TimerConfig("synod-peg", false));
        }
    }

    @PreDestroy
    void stop() {
        stopping = true;
        ticks.exclusive(() -> state.runtime(null));
    }

    @Timeout
    void tick() {
        try {
            ticks.run(this::step, msg -> state.runtime(null));
        } finally {
            schedule(settings.poll().toMillis());
        }
    }

    private void step() {
        Optional<SigningContext> context = state.context();
        Optional<PegRuntime> current = state.runtime();
        if (context.isEmpty()) {
            return;
        }
        if (current.isEmpty() || current.get().context() != context.get()) {
            SigningStatus s = signingStatus.signingStatus();
            if (s.phase() != SigningStatus.Phase.SIGNING || s.registryEpoch() < 2) {
                return; // the group is not ready here: the peg starts once epoch 2 is recorded
            }
            state.runtime(new PegRuntime(context.get(), settings, signing, transactions, dataSource,
                    network(System.getProperty("synod.bitcoin.network", "bcoin-regtest")),
                    () -> signingStatus.signingStatus().suspected()));
        }
        state.runtime().orElseThrow().step();
    }

    private static BitcoinNetwork network(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "main", "mainnet" -> BitcoinNetwork.MAINNET;
            case "testnet" -> BitcoinNetwork.TESTNET;
            case "core-regtest" -> BitcoinNetwork.CORE_REGTEST;
            default -> BitcoinNetwork.BCOIN_REGTEST;
        };
    }
}
