package io.synod.coordination.application.internal;

import java.time.Duration;

/**
 * How this node signs with its group, from system properties. The first four are part of the epoch's signing
 * channel and must be equal at every member (the launcher sets them alike): {@code synod.signing.round-blocks}
 * (20: a signing or presigning round closes at the latest that many sidechain blocks after its opening frame),
 * {@code synod.signing.round-seconds} (as many seconds as round blocks: the round also lasts that long in block
 * timestamps, so a chain that mines a block per transaction cannot shorten it as traffic grows),
 * {@code synod.signing.pool-level} (2 presignatures kept ready), {@code synod.signing.presign-batch} (2 per
 * presigning session). Local choices: {@code synod.group.heartbeat-seconds} (30), {@code synod.group.liveness-margin}
 * (1: warn when fewer than 2t+1+1 members answer a heartbeat), {@code synod.group.deploy-takeover-seconds} (60:
 * how long each founder waits, per rank, before recording epoch 1 itself); {@code synod.group.founder-stakes} (path
 * of the founders' announced stake payments, unset = not yet), {@code synod.group.min-stake-sats} (10,000,000) and
 * {@code synod.group.stake-confirmations} (6), the stake policy each founder's payment is checked against.
 */
record SigningSettings(long roundBlocks, long roundSeconds, int poolLevel, int presignBatch, Duration heartbeat,
        int livenessMargin, Duration deployTakeover, java.util.Optional<java.nio.file.Path> founderStakes,
        io.synod.membership.domain.StakePolicy stakePolicy) {

    static SigningSettings fromSystemProperties() {
        long roundBlocks = Long.getLong("synod.signing.round-blocks", 20L);
        return new SigningSettings(roundBlocks, Long.getLong("synod.signing.round-seconds", roundBlocks),
                Integer.getInteger("synod.signing.pool-level", 2), Integer.getInteger("synod.signing.presign-batch", 2),
                Duration.ofSeconds(Long.getLong("synod.group.heartbeat-seconds", 30L)),
                Integer.getInteger("synod.group.liveness-margin", 1),
                Duration.ofSeconds(Long.getLong("synod.group.deploy-takeover-seconds", 60L)),
                java.util.Optional.ofNullable(System.getProperty("synod.group.founder-stakes")).map(String::strip)
                        .filter(x -> !x.isEmpty()).map(java.nio.file.Path::of),
                new io.synod.membership.domain.StakePolicy(new io.synod.shared.domain.Satoshis(
                        Long.getLong("synod.group.min-stake-sats", 10_000_000L)),
                        Integer.getInteger("synod.group.stake-confirmations", 6)));
    }

    /** This node's Bitcoin node (stake checks), as the platform's chain adapters configure it. */
    static java.util.Optional<io.synod.chain.bitcoin.BitcoinRpcClient> bitcoin() {
        String url = System.getProperty("synod.bitcoin.rpc-url", "").strip();
        if (url.isEmpty()) {
            return java.util.Optional.empty();
        }
        String env = System.getenv("SYNOD_BITCOIN_RPC_PASSWORD");
        return java.util.Optional.of(new io.synod.chain.bitcoin.BitcoinRpcClient(java.net.URI.create(url),
                System.getProperty("synod.bitcoin.rpc-user", ""),
                env != null ? env : System.getProperty("synod.bitcoin.rpc-password", ""), Duration.ofSeconds(30)));
    }

    /** A heartbeat naming a board block older than this is refused (it proves nothing about now). */
    long heartbeatMaxAgeBlocks() {
        return 10 * roundBlocks + 100;
    }
}
