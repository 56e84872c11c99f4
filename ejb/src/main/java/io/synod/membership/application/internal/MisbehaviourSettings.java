package io.synod.membership.application.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.stream.Stream;

import io.synod.chain.bitcoin.BitcoinNetwork;
import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.membership.application.Confiscator;
import io.synod.membership.domain.MissedDeadlinePolicy;
import io.synod.shared.domain.Satoshis;

/**
 * How this member judges and punishes misbehaviour, from system properties. Group-wide (equal at every member, the
 * launcher sets them alike, or members build different confiscation transactions and none gets signed):
 * {@code synod.group.forfeiture-address} (the Bitcoin address a convicted member's stake goes to; unset = this member
 * signs no confiscation), {@code synod.group.confiscation-fee-sats} (2,000), {@code synod.group.stake-confirmations}
 * (6: before a confiscation is recorded), {@value MissedDeadlinePolicy#PROPERTY} (3). Local:
 * {@code synod.group.max-stake-fee-sats} (10,000: the highest fee this member signs for a stake spend),
 * {@code synod.group.confiscation-takeover-seconds} (60, per rank), {@code synod.group.poll-millis} (300).
 */
record MisbehaviourSettings(Optional<byte[]> forfeitureScript, Satoshis fee, Satoshis maxFee, int confirmations,
        Duration takeover, MissedDeadlinePolicy deadlines, Duration poll) {

    static MisbehaviourSettings fromSystemProperties() {
        BitcoinNetwork network = network(System.getProperty("synod.bitcoin.network", "bcoin-regtest"));
        Optional<byte[]> forfeiture = Optional.ofNullable(System.getProperty("synod.group.forfeiture-address"))
                .map(String::strip).filter(a -> !a.isEmpty()).map(a -> network.outputScript(a).program());
        return new MisbehaviourSettings(forfeiture,
                new Satoshis(Long.getLong("synod.group.confiscation-fee-sats", 2_000L)),
                new Satoshis(Long.getLong("synod.group.max-stake-fee-sats", 10_000L)),
                Integer.getInteger("synod.group.stake-confirmations", 6),
                Duration.ofSeconds(Long.getLong("synod.group.confiscation-takeover-seconds", 60L)),
                MissedDeadlinePolicy.from(System::getProperty),
                Duration.ofMillis(Long.getLong("synod.group.poll-millis", 300L)));
    }

    Optional<Confiscator.Policy> policy(Duration signTimeout) {
        return forfeitureScript.map(f -> new Confiscator.Policy(f, fee, confirmations, takeover, signTimeout));
    }

    /** This member's own Bitcoin node ({@code synod.bitcoin.rpc-url}; password from the environment if set). */
    static Optional<BitcoinRpcClient> bitcoin() {
        String url = System.getProperty("synod.bitcoin.rpc-url", "").strip();
        String password = Optional.ofNullable(System.getenv("SYNOD_BITCOIN_RPC_PASSWORD"))
                .orElseGet(() -> System.getProperty("synod.bitcoin.rpc-password", ""));
        return url.isEmpty() ? Optional.empty() : Optional.of(new BitcoinRpcClient(java.net.URI.create(url),
                System.getProperty("synod.bitcoin.rpc-user", ""), password, Duration.ofSeconds(30)));
    }

    private static BitcoinNetwork network(String name) {
        return Stream.of(BitcoinNetwork.MAINNET, BitcoinNetwork.TESTNET, BitcoinNetwork.CORE_REGTEST,
                BitcoinNetwork.BCOIN_REGTEST).filter(n -> n.name().equalsIgnoreCase(name.strip())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown synod.bitcoin.network " + name));
    }
}
