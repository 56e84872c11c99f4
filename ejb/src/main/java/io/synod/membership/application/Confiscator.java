package io.synod.membership.application;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.Broadcaster;
import io.synod.chain.bitcoin.Txid;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.membership.domain.Confiscation;
import io.synod.membership.domain.ConfiscationRecord;
import io.synod.membership.domain.ConfiscationState;
import io.synod.membership.domain.Conviction;
import io.synod.membership.domain.MembershipBook;
import io.synod.membership.domain.MembershipRegistry;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/**
 * Drives the confiscation of every member convicted here, one state at a time ({@link ConfiscationState}): the group
 * signs the {@link StakeSpendAction} moving the culprit's stake outpoint (as the registry recorded it) to the
 * configured forfeiture output, the signed transaction is broadcast, and once it is buried under the required
 * confirmations the group signs the {@link ConfiscationRecordAction} and the record is sent to the registry.
 *
 * <p>Every member runs this; each one's own verifiers decide whether it contributes. The transaction is fully
 * determined by the action (one input, one output, fixed fee), so every member knows its txid without being told and
 * follows it on its own Bitcoin node: a member that is not the proposer just watches the book move forward. The
 * proposer is decided without talking, like the epoch-1 deployer: the members of the registry's current epoch that
 * are not excluded here, in index order; the one ranked r acts once r·takeover has passed since this member's book
 * entered the current state, so a dead proposer costs one takeover period.
 */
public final class Confiscator {
    private static final Logger LOG = Logger.getLogger(Confiscator.class.getName());
    private static final BigDecimal SATS_PER_BTC = BigDecimal.valueOf(100_000_000L);

    /** Group-wide policy (equal at every member, or the members build different transactions). */
    public record Policy(byte[] forfeitureScript, Satoshis fee, int confirmations, Duration takeover,
            Duration signTimeout) {
        public Policy {
            if (forfeitureScript.length == 0 || forfeitureScript.length > StakeSpendAction.MAX_SCRIPT) {
                throw new IllegalArgumentException("forfeiture script must be 1.." + StakeSpendAction.MAX_SCRIPT
                        + " bytes");
            }
            if (confirmations < 1) {
                throw new IllegalArgumentException("a confiscation is recorded only once confirmed");
            }
            forfeitureScript = forfeitureScript.clone();
        }

        @Override
        public byte[] forfeitureScript() {
            return forfeitureScript.clone();
        }
    }

    private final MembershipBook book;
    private final MembershipRegistry registry;
    private final BitcoinRpcClient bitcoin;
    private final Broadcaster broadcaster;
    private final GroupSigning signing;
    private final String self;
    private final Policy policy;
    private final Clock clock;
    private final Set<String> warned = new HashSet<>();

    public Confiscator(MembershipBook book, MembershipRegistry registry, BitcoinRpcClient bitcoin,
            Broadcaster broadcaster, GroupSigning signing, String selfAddress, Policy policy, Clock clock) {
        this.book = book;
        this.registry = registry;
        this.bitcoin = bitcoin;
        this.broadcaster = broadcaster;
        this.signing = signing;
        this.self = selfAddress.toLowerCase(java.util.Locale.ROOT);
        this.policy = policy;
        this.clock = clock;
    }

    /** The action that confiscates {@code c}'s stake, as every member builds it (the stake's value from its node). */
    public StakeSpendAction actionFor(Confiscation c) {
        return new StakeSpendAction(ActionKind.CONFISCATION_INPUT, c.member(), c.stake(), valueOf(c.stake()),
                policy.forfeitureScript(), policy.fee());
    }

    /** The txid of the confiscation transaction (segwit: independent of the signature). */
    public static String txidOf(StakeSpendAction a) {
        return StakeTransactions.unsigned(a).getTxId().toString();
    }

    /** One pass over every conviction here; returns the confiscations that moved forward. */
    public List<Confiscation> step() {
        Map<String, Conviction> first = new LinkedHashMap<>();
        for (Conviction c : book.convictions()) {
            first.putIfAbsent(c.culprit(), c);
        }
        List<Confiscation> moved = new ArrayList<>();
        for (Conviction c : first.values()) {
            try {
                advance(c).ifPresent(moved::add);
            } catch (SigningFailed e) {
                warnOnce(c.culprit() + e.getMessage(), "the group did not sign the confiscation step of "
                        + c.culprit() + ": " + e.getMessage() + "; trying again");
            }
        }
        return moved;
    }

    private Optional<Confiscation> advance(Conviction conviction) throws SigningFailed {
        String culprit = conviction.culprit();
        Optional<Confiscation> known = book.confiscationOf(culprit);
        if (known.isEmpty()) {
            Optional<Outpoint> stake = registry.lastRecordedStake(culprit);
            if (stake.isEmpty()) {
                warnOnce("nostake" + culprit, culprit + " is convicted but the registry records no stake of it");
                return Optional.empty();
            }
            Confiscation pending = Confiscation.pending(conviction, stake.get(), clock.instant());
            book.confiscation(pending);
            LOG.warning(() -> "confiscation of " + culprit + "'s stake " + stake.get() + " begins (convicted of "
                    + conviction.evidenceKind() + " in session " + conviction.session() + ")");
            return Optional.of(pending);
        }
        Confiscation c = known.get();
        return switch (c.state()) {
            case PENDING -> pending(c);
            case BROADCAST -> confirmed(c, c.bitcoinTxid().orElseThrow());
            case CONFIRMED -> recorded(c, conviction);
            case RECORDED -> Optional.empty();
        };
    }

    private Optional<Confiscation> pending(Confiscation c) throws SigningFailed {
        StakeSpendAction a = actionFor(c);
        String txid = txidOf(a);
        if (broadcaster.confirmations(new Txid(txid)).isPresent()) {
            return Optional.of(save(c.advance(ConfiscationState.BROADCAST, txid, clock.instant())));
        }
        if (!myTurn(c)) {
            return Optional.empty();
        }
        GroupSignature sig = signing.sign(a, policy.signTimeout());
        Txid sent = broadcaster.broadcast(StakeTransactions.signed(a, signing.groupPublicKey(), sig.r(), sig.s()));
        LOG.warning(() -> "confiscation of " + c.member() + ": the group signed and this member broadcast " + sent
                + ", moving stake " + c.stake() + " to the forfeiture output");
        return Optional.of(save(c.advance(ConfiscationState.BROADCAST, sent.hex(), clock.instant())));
    }

    private Optional<Confiscation> confirmed(Confiscation c, String txid) {
        int seen = broadcaster.confirmations(new Txid(txid)).orElse(-1);
        if (seen < policy.confirmations()) {
            return Optional.empty();
        }
        return Optional.of(save(c.advance(ConfiscationState.CONFIRMED, txid, clock.instant())));
    }

    private Optional<Confiscation> recorded(Confiscation c, Conviction conviction) throws SigningFailed {
        String txid = c.bitcoinTxid().orElseThrow();
        if (registry.confiscationRecord(c.member()).isPresent()) {
            return Optional.of(save(c.advance(ConfiscationState.RECORDED, txid, clock.instant())));
        }
        if (!myTurn(c)) {
            return Optional.empty();
        }
        ConfiscationRecord record = new ConfiscationRecord(c.member(), c.stake(), txid, conviction.evidenceHash(),
                registry.currentEpoch());
        GroupSignature sig = signing.sign(new ConfiscationRecordAction(registry.address(), record),
                policy.signTimeout());
        try {
            registry.recordConfiscation(record, sig.ethereum());
        } catch (RuntimeException e) {
            if (registry.confiscationRecord(c.member()).isEmpty()) {
                throw e;
            }
            // another member holding the same signature sent it first
        }
        LOG.warning(() -> "confiscation of " + c.member() + " recorded on registry " + registry.address()
                + " (Bitcoin transaction " + txid + ")");
        return Optional.of(save(c.advance(ConfiscationState.RECORDED, txid, clock.instant())));
    }

    /** Proposer order: the current epoch's members not excluded here, by index; rank r waits r·takeover. */
    private boolean myTurn(Confiscation c) {
        List<String> order = new ArrayList<>();
        for (String m : registry.epoch(registry.currentEpoch()).members()) {
            if (book.exclusionOf(m).isEmpty() && !book.isConvicted(m)) {
                order.add(m.toLowerCase(java.util.Locale.ROOT));
            }
        }
        int rank = order.indexOf(self);
        if (rank < 0) {
            return false;
        }
        return !Duration.between(c.at(), clock.instant()).minus(policy.takeover().multipliedBy(rank)).isNegative();
    }

    private Confiscation save(Confiscation c) {
        book.confiscation(c);
        return c;
    }

    /** The stake's value from the funding transaction on this member's node (spent or not). */
    private Satoshis valueOf(Outpoint stake) {
        JsonNode tx = bitcoin.getRawTransactionVerbose(new Txid(stake.displayTxid())).orElseThrow(
                () -> new IllegalStateException("stake transaction " + stake.displayTxid() + " is unknown here"));
        JsonNode out = tx.path("vout").path(stake.vout());
        if (out.isMissingNode()) {
            throw new IllegalStateException("stake " + stake + " has no such output");
        }
        return new Satoshis(out.path("value").decimalValue().multiply(SATS_PER_BTC).longValueExact());
    }

    private void warnOnce(String key, String message) {
        if (warned.add(key)) {
            LOG.warning(message);
        }
    }
}
