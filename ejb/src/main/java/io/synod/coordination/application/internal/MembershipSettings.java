package io.synod.coordination.application.internal;

import java.time.Duration;
import java.util.Optional;

import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/**
 * How this node changes its group's membership, from system properties. {@code synod.membership.round-blocks}
 * (60: a resharing round closes at the latest that many sidechain blocks after the opening; equal at every
 * member), {@code synod.membership.join-stake} (txid:vout of the stake this node paid to join; unset = it does not
 * ask to join), {@code synod.membership.return-fee-sats} (2,000: the fee a stake return pays) and
 * {@code synod.membership.max-fee-sats} (10,000: the largest fee this member approves on a stake spend),
 * {@code synod.membership.takeover-seconds} (45: how long each member waits, per rank, before proposing a rotation
 * or a stake return itself) and {@code synod.membership.poll-millis} (2,000; steps of a running resharing use the node's 300 ms).
 */
record MembershipSettings(long roundBlocks, Optional<Outpoint> joinStake, Satoshis returnFee, Satoshis maxFee,
        Duration takeover, Duration poll) {

    static MembershipSettings fromSystemProperties() {
        String stake = System.getProperty("synod.membership.join-stake", "").strip();
        return new MembershipSettings(Long.getLong("synod.membership.round-blocks", 60L),
                stake.isEmpty() ? Optional.empty() : Optional.of(Outpoint.parse(stake)),
                new Satoshis(Long.getLong("synod.membership.return-fee-sats", 2_000L)),
                new Satoshis(Long.getLong("synod.membership.max-fee-sats", 10_000L)),
                Duration.ofSeconds(Long.getLong("synod.membership.takeover-seconds", 45L)),
                Duration.ofMillis(Long.getLong("synod.membership.poll-millis", 2_000L)));
    }
}
