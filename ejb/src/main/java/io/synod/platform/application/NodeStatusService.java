package io.synod.platform.application;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.TreeMap;

import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.synod.membership.application.MembershipService;

/** Assembles the node's status from configuration, the membership context and the chain followers. */
@Stateless
public class NodeStatusService {

    static final String NODE_NAME_PROPERTY = "synod.node.name";

    private static final String VERSION = readVersion();

    @Inject
    private MembershipService membership;

    @Inject
    private Instance<ChainTipSource> chains;

    @Inject
    private NodeIdentity identity;

    public NodeStatus status() {
        var tips = new TreeMap<String, Long>();
        for (ChainTipSource chain : chains) {
            chain.bestHeight().ifPresent(h -> tips.put(chain.chain(), h));
        }
        return new NodeStatus(System.getProperty(NODE_NAME_PROPERTY, "synod-node"), VERSION, identity.identityKey(),
                membership.activeEpoch(), tips);
    }

    private static String readVersion() {
        try (InputStream in = NodeStatusService.class.getResourceAsStream("/synod-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
