package io.synod.peg.application.pegout;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.methods.response.Log;

import io.synod.chain.evm.EvmBlockRef;
import io.synod.chain.evm.LogListener;
import io.synod.chain.evm.contracts.Redemption;
import io.synod.peg.domain.ledger.Ledger;
import io.synod.peg.domain.ledger.PegEntries;
import io.synod.peg.domain.pegout.PegOutStore;
import io.synod.peg.domain.pegout.RedemptionRequest;
import io.synod.peg.domain.pegout.RedemptionStatus;
import io.synod.peg.domain.pegout.TrackedRedemption;
import io.synod.shared.domain.Satoshis;

/**
 * Turns the redemption contract's {@code RedemptionRequested} logs into tracked redemptions. Fed by a
 * {@link io.synod.chain.evm.LogFollower} with finality depth 0, so a user sees REQUESTED as soon as the burn is
 * mined; {@link #queueFinal} then queues those at least {@code sidechainFinality} blocks deep and books their burn.
 * An orphaned block takes its still-REQUESTED redemptions with it; a queued one being orphaned means a reorganisation
 * deeper than the configured finality, which is refused loudly rather than undone.
 */
public final class RedemptionIntake implements LogListener {

    private static final String REQUESTED_TOPIC = EventEncoder.encode(Redemption.REDEMPTIONREQUESTED_EVENT);

    private final PegOutStore store;
    private final Ledger ledger;
    private final String contract;
    private final int finality;

    public RedemptionIntake(PegOutStore store, Ledger ledger, String redemptionContract, int sidechainFinality) {
        this.store = store;
        this.ledger = ledger;
        this.contract = redemptionContract.toLowerCase(Locale.ROOT);
        this.finality = sidechainFinality;
    }

    @Override
    public void onLog(Log log) {
        if (!contract.equals(log.getAddress().toLowerCase(Locale.ROOT)) || log.getTopics().isEmpty()
                || !REQUESTED_TOPIC.equals(log.getTopics().get(0))) {
            return;
        }
        Redemption.RedemptionRequestedEventResponse e = Redemption.getRedemptionRequestedEventFromLog(log);
        if (e.amount.signum() <= 0 || e.amount.compareTo(BigInteger.valueOf(Satoshis.MAX_SUPPLY)) > 0) {
            throw new IllegalStateException("redemption " + e.sequence + " has an impossible amount " + e.amount);
        }
        store.addRequested(new RedemptionRequest(e.sequence.longValueExact(), e.requester,
                Satoshis.of(e.amount.longValueExact()), e.outputScript, log.getBlockNumber().longValueExact(),
                log.getBlockHash(), log.getTransactionHash()));
    }

    @Override
    public void onRollback(EvmBlockRef block) {
        store.dropRequestedIn(block.hash());
        for (TrackedRedemption r : store.redemptions(Set.of(RedemptionStatus.values()))) {
            if (r.status() != RedemptionStatus.REQUESTED && r.request().sidechainBlockHash().equals(block.hash())) {
                throw new IllegalStateException("sidechain block " + block + " holding final redemption "
                        + r.sequence() + " was orphaned: a reorganisation deeper than the finality of " + finality);
            }
        }
    }

    /** Queues every REQUESTED redemption now final at {@code sidechainHead}; books each burn once. */
    public List<Long> queueFinal(long sidechainHead) {
        List<Long> queued = new java.util.ArrayList<>();
        for (TrackedRedemption r : store.redemptions(Set.of(RedemptionStatus.REQUESTED))) {
            if (sidechainHead - r.request().sidechainBlock() >= finality) {
                ledger.record(PegEntries.redemptionBurned(r.sequence(), r.request().amount(), r.request().sidechainTx(),
                        r.request().sidechainBlock()));
                store.update(r.with(RedemptionStatus.QUEUED));
                queued.add(r.sequence());
            }
        }
        return queued;
    }
}
