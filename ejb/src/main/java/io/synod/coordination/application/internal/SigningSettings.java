package io.synod.coordination.application.internal;

import java.time.Duration;

/**
 * How this node signs with its group, from system properties. The first three are part of the epoch's signing
 * channel and must be equal at every member (the launcher sets them alike): {@code synod.signing.round-blocks}
 * (20: a signing or presigning round closes at the latest that many sidechain blocks after its opening frame),
 * {@code synod.signing.pool-level} (2 presignatures kept ready), {@code synod.signing.presign-batch} (2 per
 * presigning session). Local choices: {@code synod.group.heartbeat-seconds} (30), {@code synod.group.liveness-margin}
 * (1: warn when fewer than 2t+1+1 members answer a heartbeat), {@code synod.group.deploy-takeover-seconds} (60:
 * how long each founder waits, per rank, before recording epoch 1 itself).
 */
record SigningSettings(long roundBlocks, int poolLevel, int presignBatch, Duration heartbeat, int livenessMargin,
        Duration deployTakeover) {

    static SigningSettings fromSystemProperties() {
        return new SigningSettings(Long.getLong("synod.signing.round-blocks", 20L),
                Integer.getInteger("synod.signing.pool-level", 2), Integer.getInteger("synod.signing.presign-batch", 2),
                Duration.ofSeconds(Long.getLong("synod.group.heartbeat-seconds", 30L)),
                Integer.getInteger("synod.group.liveness-margin", 1),
                Duration.ofSeconds(Long.getLong("synod.group.deploy-takeover-seconds", 60L)));
    }

    /** A heartbeat naming a board block older than this is refused (it proves nothing about now). */
    long heartbeatMaxAgeBlocks() {
        return 10 * roundBlocks + 100;
    }
}
