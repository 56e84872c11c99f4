package io.synod.platform.application;

import java.util.Map;

/**
 * Whether the node can serve requests now, with one line per dependency checked.
 *
 * @param checks dependency name to "UP" or the reason it is down (never a secret)
 */
public record Readiness(boolean ready, Map<String, String> checks) {

    public Readiness {
        checks = Map.copyOf(checks);
    }
}
