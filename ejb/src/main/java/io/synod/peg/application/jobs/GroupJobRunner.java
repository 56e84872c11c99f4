package io.synod.peg.application.jobs;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.SigningFailed;
import io.synod.peg.application.pegout.GroupCoins;
import io.synod.peg.domain.jobs.HeaderRelayAction;
import io.synod.peg.domain.jobs.ReserveAttestationAction;

/**
 * Runs the due group jobs, scheduler-agnostic: call {@link #runDue} from any timer or on every new block. What is
 * due and what is computed depend only on chain data (the final Bitcoin height, the relay's tip, the latest
 * attestation, the group's coins, the supply at a sidechain block), so every member that runs it computes the same
 * actions; the group signs an action only if enough members' verifiers recompute the same digest.
 *
 * <ul>
 * <li><b>Header relay</b>: the headers after the relay's tip up to the final height, at most {@code maxHeaders} per
 *     run. A relay tip that is not on this member's best chain is reported, never extended.</li>
 * <li><b>Proof of reserves</b>: at the latest multiple of {@code reservePeriod} at or below the final height, if
 *     it is above the latest attestation: the group's coins confirmed at or below it, against the wrapped supply at
 *     the sidechain's current head. A shortfall is reported as an alert and never signed.</li>
 * </ul>
 */
public final class GroupJobRunner {

    private final GroupJobsView view;
    private final GroupSigning signing;
    private final Duration timeout;

    public GroupJobRunner(GroupJobsView view, GroupSigning signing, Duration timeout) {
        this.view = view;
        this.signing = signing;
        this.timeout = timeout;
    }

    /** Runs what is due now; returns what happened, for operators. */
    public List<String> runDue() {
        List<String> events = new ArrayList<>();
        relayHeaders().ifPresent(a -> submit(a, events));
        attestReserves(events).ifPresent(a -> submit(a, events));
        return events;
    }

    /** The relay action due now, if any. */
    public java.util.Optional<HeaderRelayAction> relayHeaders() {
        GroupJobsSidechain.RelayTip tip = view.sidechain().relayTip();
        long last = Math.min(view.finalHeight(), tip.height() + view.maxHeaders());
        if (last <= tip.height() || !Arrays.equals(view.blockHash(tip.height()), tip.hash())) {
            return java.util.Optional.empty();
        }
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        for (long h = tip.height() + 1; h <= last; h++) {
            headers.writeBytes(view.header(h));
        }
        return java.util.Optional.of(new HeaderRelayAction(view.sidechain().relayContract(), tip.hash(),
                headers.toByteArray(), view.sidechain().currentEpoch()));
    }

    /** The attestation due now, if any; a shortfall is reported in {@code events} and yields none. */
    public java.util.Optional<ReserveAttestationAction> attestReserves(List<String> events) {
        long at = view.finalHeight() / view.reservePeriod() * view.reservePeriod();
        if (at < 1 || at <= view.sidechain().latestAttestedHeight()) {
            return java.util.Optional.empty();
        }
        List<GroupCoins.Coin> coins = view.coins().confirmed().stream().filter(c -> c.height() <= at)
                .sorted(Comparator.comparing(c -> c.utxo().outpoint().toString())).toList();
        long reserves = coins.stream().mapToLong(c -> c.utxo().value().value()).sum();
        long block = view.sidechain().head();
        long supply = view.sidechain().wrappedSupplyAt(block);
        if (reserves < supply) {
            events.add("ALERT reserves " + reserves + " sat at height " + at + " are below the wrapped supply " + supply);
            return java.util.Optional.empty();
        }
        List<Outpoint> outpoints = coins.stream().map(c -> c.utxo().outpoint()).toList();
        return java.util.Optional.of(new ReserveAttestationAction(view.sidechain().reserveContract(), at,
                view.blockHash(at), reserves, supply, block, view.sidechain().currentEpoch(), outpoints));
    }

    private void submit(HeaderRelayAction a, List<String> events) {
        try {
            GroupSignature sig = signing.sign(a, timeout);
            view.sidechain().submitRelay(a.headers(), a.epoch(), sig.ethereum());
            events.add("relayed " + a.count() + " headers");
        } catch (SigningFailed e) {
            events.add("header relay not signed: " + e.getMessage());
        }
    }

    private void submit(ReserveAttestationAction a, List<String> events) {
        try {
            GroupSignature sig = signing.sign(a, timeout);
            view.sidechain().submitAttestation(a.bitcoinHeight(), a.bitcoinBlockHash(), a.reserves(), a.wrappedSupply(),
                    a.epoch(), sig.ethereum());
            events.add("attested reserves " + a.reserves() + " sat at height " + a.bitcoinHeight() + " against supply "
                    + a.wrappedSupply());
        } catch (SigningFailed e) {
            events.add("reserve attestation not signed: " + e.getMessage());
        }
    }
}
