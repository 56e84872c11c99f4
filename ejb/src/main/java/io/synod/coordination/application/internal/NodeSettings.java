package io.synod.coordination.application.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.synod.chain.bitcoin.BitcoinNetwork;

/**
 * The node runtime's settings, from system properties (set by the launcher or the server configuration):
 * {@code synod.group.founding-set} (path; unset = the node runs alone), {@code synod.evm.rpc-url},
 * {@code synod.evm.chain-id} (31337), {@code synod.group.poll-millis} (300), {@code synod.bitcoin.network}
 * (bcoin-regtest), and the server's data directory for the founder card.
 */
record NodeSettings(Optional<Path> foundingSet, URI evmRpcUrl, long evmChainId, Duration poll, BitcoinNetwork network,
        Path dataDir) {

    static NodeSettings fromSystemProperties() {
        String fs = System.getProperty("synod.group.founding-set", "").strip();
        return new NodeSettings(fs.isEmpty() ? Optional.empty() : Optional.of(Path.of(fs)),
                URI.create(System.getProperty("synod.evm.rpc-url", "http://127.0.0.1:8545")),
                Long.getLong("synod.evm.chain-id", 31337L),
                Duration.ofMillis(Long.getLong("synod.group.poll-millis", 300L)),
                network(System.getProperty("synod.bitcoin.network", "bcoin-regtest")),
                Path.of(System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"))));
    }

    static BitcoinNetwork network(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "main", "mainnet" -> BitcoinNetwork.MAINNET;
            case "testnet" -> BitcoinNetwork.TESTNET;
            case "core-regtest" -> BitcoinNetwork.CORE_REGTEST;
            case "bcoin-regtest" -> BitcoinNetwork.BCOIN_REGTEST;
            default -> throw new IllegalArgumentException("unknown synod.bitcoin.network " + name);
        };
    }
}
