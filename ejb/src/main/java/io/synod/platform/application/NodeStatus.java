package io.synod.platform.application;

import java.util.Map;
import java.util.Optional;

import io.synod.membership.domain.GroupEpoch;

/**
 * What a node reports about itself.
 *
 * @param chainTips best block height per chain, only for chains this node already follows
 */
public record NodeStatus(String nodeName, String version, Optional<GroupEpoch> group, Map<String, Long> chainTips) {

    public NodeStatus {
        chainTips = Map.copyOf(chainTips);
    }
}
