package io.synod.peg.application.internal;

import java.time.Duration;

/**
 * The group jobs' schedule, from system properties (equal at every member: each member's verifiers judge what is
 * final and due by its own copy). An attestation is due at every Bitcoin height that is a multiple of
 * {@code synod.peg.reserve-period-blocks}; the proposer looks for due jobs at most every
 * {@code synod.peg.jobs-interval-millis}, which also bounds how often headers are relayed.
 *
 * @param confirmations Bitcoin blocks on top of an attested or relayed block ({@code synod.peg.jobs-confirmations})
 * @param maxHeaders headers per relay, 1..100 ({@code synod.peg.relay-max-headers})
 */
record JobSettings(boolean enabled, int confirmations, int reservePeriod, int maxHeaders, Duration interval) {

    static JobSettings fromSystemProperties() {
        return new JobSettings(Boolean.parseBoolean(System.getProperty("synod.peg.jobs-enabled", "true")),
                Integer.getInteger("synod.peg.jobs-confirmations", 6),
                Integer.getInteger("synod.peg.reserve-period-blocks", 144),
                Integer.getInteger("synod.peg.relay-max-headers", 50),
                Duration.ofMillis(Long.getLong("synod.peg.jobs-interval-millis", 60_000)));
    }
}
