package io.synod.peg.application.internal;

import java.time.Duration;
import java.util.Optional;

import io.synod.chain.bitcoin.FeePolicy;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.deposit.SweepMargin;
import io.synod.peg.application.pegout.PegOutPolicy;
import io.synod.peg.domain.pegin.PegInPolicy;
import io.synod.peg.domain.pegin.SweepPolicy;
import io.synod.peg.domain.pegout.WithdrawalLimits;

/**
 * The peg runtime's settings, from system properties (every member of a group must set the policy ones alike: each
 * member's verifiers hold the proposals to its own copy). Defaults are safe for a real network; a local devnet lowers
 * the confirmation counts. See docs/operations.md for the full list.
 */
record PegSettings(boolean enabled, Duration poll, PegInPolicy pegIn, SweepPolicy sweeps, PegOutPolicy pegOut,
        int guardRatioPercent, Optional<Integer> proposer, Duration grace) {

    static PegSettings fromSystemProperties() {
        FeePolicy fees = new FeePolicy(FeeRate.satPerVbyte(num("fee-floor-sat-vb", 1)),
                FeeRate.satPerVbyte(num("fee-ceiling-sat-vb", 200)), (int) num("fee-target-blocks", 6));
        PegInPolicy pegIn = new PegInPolicy(Satoshis.of(num("min-deposit-sats", 10_000)),
                Satoshis.of(num("max-deposit-sats", 100_000_000)), (int) num("deposit-confirmations", 6),
                new SweepMargin((int) num("sweep-margin-blocks", 144)),
                Duration.ofSeconds(num("submit-timeout-seconds", 60)));
        SweepPolicy sweeps = new SweepPolicy((int) num("sweep-batch", 3), (int) num("sweep-max-inputs", 20),
                (int) num("sweep-urgent-blocks", 72), (int) num("sweep-min-blocks-left", 6), fees);
        PegOutPolicy pegOut = new PegOutPolicy((int) num("sidechain-finality", 12), (int) num("payout-confirmations", 6),
                fees, new WithdrawalLimits(io.synod.shared.domain.Satoshis.of(num("max-redemption-sats", 100_000_000)),
                        io.synod.shared.domain.Satoshis.of(num("rolling-cap-sats", 500_000_000)),
                        (int) num("rolling-cap-blocks", 144), (int) num("max-batch", 20)),
                (int) num("bump-after-blocks", 3), (int) num("bump-multiplier", 2), (int) num("height-tolerance", 3),
                Duration.ofSeconds(num("signing-timeout-seconds", 60)));
        String proposer = System.getProperty("synod.peg.proposer", "").strip();
        return new PegSettings(Boolean.parseBoolean(System.getProperty("synod.peg.enabled", "true")),
                Duration.ofMillis(num("poll-millis", 1000)), pegIn, sweeps, pegOut,
                (int) num("guard-ratio-percent", 100),
                proposer.isEmpty() ? Optional.empty() : Optional.of(Integer.parseInt(proposer)),
                Duration.ofMillis(num("grace-millis", 3000)));
    }

    private static long num(String name, long fallback) {
        return Long.getLong("synod.peg." + name, fallback);
    }
}
