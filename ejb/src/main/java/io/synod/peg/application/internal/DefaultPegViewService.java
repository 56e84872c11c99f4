package io.synod.peg.application.internal;

import java.util.HexFormat;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.synod.chain.bitcoin.Satoshis;
import io.synod.coordination.application.GroupStatusService;
import io.synod.peg.application.views.GuardSnapshot;
import io.synod.peg.application.views.GuardSource;
import io.synod.peg.application.views.PegQueries;
import io.synod.peg.application.views.PegQueues;
import io.synod.peg.application.views.PegViewService;
import io.synod.peg.application.views.RedemptionView;
import io.synod.peg.domain.ledger.InvariantAlert;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.infrastructure.invariants.JdbcAlertLog;
import io.synod.peg.infrastructure.memory.InMemoryDepositBook;
import io.synod.peg.infrastructure.pegout.JdbcPegOutStore;
import io.synod.peg.infrastructure.persistence.JpaDepositBook;
import io.synod.shared.error.ErrorCode;
import io.synod.shared.error.SynodException;

/**
 * {@link PegViewService} over the node's own database (peg-out store, deposit book, alert log). The deposit book
 * needs the group key to rebuild deposit scripts: before genesis there is no key and no deposit, so the book is
 * empty. The guard comes from the node's {@link GuardSource} when its peg-in runtime provides one. The peg-in
 * minimum that tells a below-minimum payment from an above-maximum one is {@code synod.peg.min-deposit-sats}
 * (10,000).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class DefaultPegViewService implements PegViewService {

    @Resource(lookup = "java:jboss/datasources/SynodDS")
    private DataSource dataSource;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private GroupStatusService groups;

    @Inject
    private Instance<GuardSource> guards;

    @Override
    public RedemptionView redemption(long sequence) {
        if (sequence < 1) {
            throw new SynodException(ErrorCode.INVALID_REQUEST, "a redemption sequence number is at least 1: " + sequence);
        }
        return queries().redemption(sequence).orElseThrow(() -> new SynodException(ErrorCode.NOT_FOUND,
                "no redemption " + sequence + " is known to this node"));
    }

    @Override
    public PegQueues queues() {
        return queries().queues();
    }

    @Override
    public GuardSnapshot guard() {
        return queries().guard();
    }

    @Override
    public List<InvariantAlert> alerts(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new SynodException(ErrorCode.INVALID_REQUEST, "limit is 1..1000: " + limit);
        }
        return queries().alerts(limit);
    }

    private PegQueries queries() {
        DepositBook book = groups.groupStatus().groupPublicKey()
                .<DepositBook>map(k -> new JpaDepositBook(em, HexFormat.of().parseHex(k)))
                .orElseGet(InMemoryDepositBook::new);
        Satoshis minDeposit = Satoshis.of(Long.getLong("synod.peg.min-deposit-sats", 10_000L));
        return new PegQueries(new JdbcPegOutStore(dataSource), book, minDeposit, new JdbcAlertLog(dataSource), () -> {
            if (guards.isUnsatisfied()) {
                throw new SynodException(ErrorCode.UNAVAILABLE,
                        "the one-way-bet guard is computed by the peg-in runtime, which does not run on this node");
            }
            return guards.get().get();
        });
    }
}
