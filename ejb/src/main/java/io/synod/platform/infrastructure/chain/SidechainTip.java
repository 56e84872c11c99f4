package io.synod.platform.infrastructure.chain;

import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

import io.synod.platform.application.ChainTipSource;

/** Latest block number of the configured EVM sidechain node ({@code synod.evm.rpc-url}). */
@ApplicationScoped
public class SidechainTip implements ChainTipSource {

    @Override
    public String chain() {
        return "sidechain";
    }

    @Override
    public OptionalLong bestHeight() {
        String url = System.getProperty("synod.evm.rpc-url");
        if (url == null || url.isBlank()) {
            return OptionalLong.empty();
        }
        return JsonRpc.call(url, null, null, "2.0", "eth_blockNumber")
                .filter(v -> v instanceof JsonString s && s.getString().matches("0x[0-9a-fA-F]{1,16}"))
                .map(v -> OptionalLong.of(Long.parseUnsignedLong(((JsonString) v).getString().substring(2), 16)))
                .orElse(OptionalLong.empty());
    }
}
