package io.synod.membership.application.internal;

import java.time.Clock;
import java.time.Duration;
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

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.Broadcaster;
import io.synod.coordination.application.SigningJournal;
import io.synod.coordination.application.SigningStatus;
import io.synod.coordination.application.SigningStatusService;
import io.synod.coordination.application.signing.SigningEvents;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.membership.application.Confiscator;
import io.synod.membership.application.GroupSpendAudit;
import io.synod.membership.application.MisbehaviourDesk;
import io.synod.membership.application.MisbehaviourIntake;
import io.synod.membership.domain.MembershipBook;
import io.synod.membership.application.MissedDeadlineRule;
import io.synod.membership.infrastructure.evm.EvmMembershipRegistry;

/**
 * The thin shell that judges misbehaviour inside the server. On a timer it takes what this member's signing core saw
 * on the board (invalid partial signatures with their evidence, unfounded accusations, settled sessions) to its
 * own {@link MisbehaviourIntake}: convictions, false accusers and exclusions (conviction or missed deadlines) are
 * written to the membership book, where the resharing flow finds who to leave out. Then, once the founders' stakes
 * are on the registry and a forfeiture address is configured, its {@link Confiscator} moves each convicted member's
 * stake to the forfeiture output and records that on the registry, through the group's signing port: every member's
 * own verifiers ({@link MisbehaviourVerifiers}) decide whether it contributes. Every new Bitcoin block is audited
 * for group signatures no approved action produces ({@link GroupSpendAudit}).
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MisbehaviourNode {
    private static final Logger LOG = Logger.getLogger(MisbehaviourNode.class.getName());
    private static final Duration SIGN_TIMEOUT = Duration.ofMinutes(3);

    @Resource
    private TimerService timers;

    @EJB
    private SigningJournal journal;

    @EJB
    private SigningStatusService signingStatus;

    @EJB
    private GroupSigning signing;

    /** The server's book (MembershipStorage's local view: each call in its own transaction). */
    @EJB(beanName = "MembershipStorage")
    private MembershipBook book;

    private final Clock clock = Clock.systemUTC();
    private volatile boolean stopping;
    private MisbehaviourSettings settings;
    private MisbehaviourIntake intake;
    private Confiscator confiscator;
    private GroupSpendAudit audit;
    private String lastWarning;

    @PostConstruct
    void init() {
        if (System.getProperty("synod.group.founding-set", "").isBlank()) {
            return; // a node running alone judges nobody
        }
        settings = MisbehaviourSettings.fromSystemProperties();
        schedule(2000);
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }

    private void schedule(long millis) {
        if (!stopping) {
            timers.createSingleActionTimer(millis, new TimerConfig("synod-misbehaviour", false));
        }
    }

    @Timeout
    void tick() {
        try {
            Optional<SigningEvents> events = journal.signingEvents();
            if (events.isPresent()) {
                judge(events.get());
                auditSpends(events.get());
                confiscate();
            }
            lastWarning = null;
        } catch (RuntimeException e) {
            String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!msg.equals(lastWarning)) {
                LOG.log(Level.WARNING, "misbehaviour tick failed; trying again: " + msg, e);
                lastWarning = msg;
            }
            confiscator = null; // rebuilt from the book and the chains on the next tick
        } finally {
            schedule(Math.max(settings.poll().toMillis(), 1000));
        }
    }

    private void judge(SigningEvents events) {
        if (intake == null) {
            intake = new MisbehaviourIntake(new MisbehaviourDesk(book, clock),
                    new MissedDeadlineRule(settings.deadlines(), book, clock));
        }
        MisbehaviourIntake.Taken taken = intake.take(events);
        taken.convicted().forEach(c -> LOG.warning(() -> "MISBEHAVIOUR: " + c + " convicted by evidence this member "
                + "verified on the board; excluded from the next epoch, its stake to be confiscated"));
        taken.falseAccusers().forEach(a -> LOG.warning(() -> "MISBEHAVIOUR: " + a
                + " brought an accusation that does not hold; recorded as a false accuser, the accused is untouched"));
        taken.excludedForDeadlines().forEach(x -> LOG.warning(() -> "MISBEHAVIOUR: " + x.member() + " excluded: "
                + x.detail()));
    }

    /** The unapproved-digest audit over the group key's spends in each new Bitcoin block. */
    private void auditSpends(SigningEvents events) {
        if (audit == null) {
            Optional<BitcoinRpcClient> bitcoin = MisbehaviourSettings.bitcoin();
            if (bitcoin.isEmpty()) {
                return;
            }
            audit = new GroupSpendAudit(bitcoin.get(), signing.groupPublicKey(), book, clock);
        }
        audit.scan(events);
    }

    private void confiscate() {
        SigningStatus s = signingStatus.signingStatus();
        Optional<Confiscator.Policy> policy = settings.policy(SIGN_TIMEOUT);
        if (s.contracts().isEmpty() || s.registryEpoch() < 2 || policy.isEmpty() || book.convictions().isEmpty()) {
            return;
        }
        if (confiscator == null) {
            Optional<BitcoinRpcClient> bitcoin = MisbehaviourSettings.bitcoin();
            var client = journal.sidechain();
            if (bitcoin.isEmpty() || client.isEmpty()) {
                return;
            }
            confiscator = new Confiscator(book, new EvmMembershipRegistry(client.get(), s.contracts().get().registry()),
                    bitcoin.get(), new Broadcaster(bitcoin.get(), Duration.ofSeconds(10)), signing,
                    identity(), policy.get(), clock);
        }
        confiscator.step();
    }

    private String identity() {
        SigningEvents e = journal.signingEvents().orElseThrow();
        return e.members().member(e.self()).address();
    }
}
