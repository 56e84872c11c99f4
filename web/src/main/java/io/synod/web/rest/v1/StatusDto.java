package io.synod.web.rest.v1;

import java.util.HexFormat;
import java.util.Map;

import io.synod.platform.application.NodeStatus;

/** Wire form of {@code GET /api/v1/status}. */
public record StatusDto(String node, String version, String identityKey, GroupDto group, Map<String, Long> chainTips) {

    public record GroupDto(long epoch, String publicKey, int threshold, int members, String bitcoinAddress, String state) {
    }

    static StatusDto from(NodeStatus status) {
        GroupDto group = status.group().map(g -> new GroupDto(g.epoch().value(), HexFormat.of().formatHex(g.publicKey()),
                g.threshold(), g.memberCount(), g.bitcoinAddress(), g.state().name())).orElse(null);
        return new StatusDto(status.nodeName(), status.version(),
                status.identityKey().map(k -> k.hex()).orElse(null), group, status.chainTips());
    }
}
