package io.synod.platform.infrastructure.chain;

import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonNumber;

import io.synod.platform.application.ChainTipSource;

/**
 * Best block height of the configured Bitcoin node ({@code synod.bitcoin.rpc-url}, Core or bcoin); the RPC
 * password comes from {@code SYNOD_BITCOIN_RPC_PASSWORD}.
 */
@ApplicationScoped
public class BitcoinTip implements ChainTipSource {

    @Override
    public String chain() {
        return "bitcoin";
    }

    @Override
    public OptionalLong bestHeight() {
        String url = System.getProperty("synod.bitcoin.rpc-url");
        if (url == null || url.isBlank()) {
            return OptionalLong.empty();
        }
        return JsonRpc.call(url, System.getProperty("synod.bitcoin.rpc-user", ""), password(),
                        "1.0", "getblockcount")
                .filter(v -> v instanceof JsonNumber).map(v -> OptionalLong.of(((JsonNumber) v).longValueExact()))
                .orElse(OptionalLong.empty());
    }

    /** From the environment preferably: system properties are visible to every local user in the process list. */
    private static String password() {
        String env = System.getenv("SYNOD_BITCOIN_RPC_PASSWORD");
        return env != null ? env : System.getProperty("synod.bitcoin.rpc-password");
    }
}
