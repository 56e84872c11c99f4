package io.synod.platform.application;

import java.util.Map;
import java.util.Optional;

import io.synod.membership.domain.GroupEpoch;
import io.synod.shared.domain.IdentityKey;

/**
 * What a node reports about itself.
 *
 * @param identityKey this member's HSM identity key, empty while the HSM is not ready
 * @param chainTips best block height per chain, only for chains this node already follows
 */
public record NodeStatus(String nodeName, String version, Optional<IdentityKey> identityKey, Optional<GroupEpoch> group, Map<String, Long> chainTips) {

    public NodeStatus {
        chainTips = Map.copyOf(chainTips);
    }
}
