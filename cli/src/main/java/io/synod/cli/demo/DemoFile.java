package io.synod.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.Utxo;

/**
 * What {@code ./synod run} leaves for {@code ./synod demo} in {@code <data>/demo.properties} (owner-only: it holds
 * the local devnet's node API key and the demo wallet's key, worthless outside this machine's regtest): where the
 * chains, Keycloak and the nodes are, the group key and contracts, and the demo wallet's coins.
 */
public record DemoFile(URI bitcoinRpc, String bitcoinApiKey, URI evmRpc, long evmChainId, String tokenEndpoint,
        String groupKey, String token, String redemption, List<String> nodes, String walletKey, List<Utxo> coins) {

    public static final String NAME = "demo.properties";

    /**
     * What {@code ./synod run} does once its group is ready: funds a demo wallet from the devnet's faucet and writes
     * this file next to the group's data.
     */
    public static DemoFile prepare(io.synod.chain.devnet.Devnet devnet, String tokenEndpoint,
            io.synod.cli.local.LocalGroup group, String groupKey, Path dataDir) {
        com.fasterxml.jackson.databind.JsonNode contracts = group.api().read(group.node(1).baseUrl(), "/api/v1/group")
                .orElseThrow(() -> new IllegalStateException("node-1 does not answer")).path("signing").path("contracts");
        DemoWallet.DemoFunds funds = DemoWallet.fund(devnet);
        DemoFile f = new DemoFile(devnet.bitcoinRpcUrl(), devnet.bitcoinRpcPassword(), devnet.evmRpcUrl(),
                devnet.evmChainId(), tokenEndpoint, groupKey, contracts.path("token").asText(),
                contracts.path("redemption").asText(), group.nodes().stream().map(n -> n.baseUrl()).toList(),
                funds.keyHex(), funds.coins());
        f.write(dataDir);
        return f;
    }

    public void write(Path dataDir) {
        Properties p = new Properties();
        p.setProperty("bitcoin.rpc-url", bitcoinRpc.toString());
        p.setProperty("bitcoin.api-key", bitcoinApiKey);
        p.setProperty("evm.rpc-url", evmRpc.toString());
        p.setProperty("evm.chain-id", Long.toString(evmChainId));
        p.setProperty("keycloak.token-endpoint", tokenEndpoint);
        p.setProperty("group.key", groupKey);
        p.setProperty("group.token", token);
        p.setProperty("group.redemption", redemption);
        p.setProperty("nodes", String.join(",", nodes));
        p.setProperty("wallet.key", walletKey);
        List<String> c = new ArrayList<>();
        for (Utxo u : coins) {
            c.add(u.outpoint().txid().hex() + ":" + u.outpoint().vout() + ":" + u.value().value());
        }
        p.setProperty("wallet.coins", String.join(",", c));
        Path f = dataDir.resolve(NAME);
        try {
            Files.deleteIfExists(f);
            Files.createFile(f, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer w = Files.newBufferedWriter(f)) {
                p.store(w, "written by ./synod run for ./synod demo; valid while that run lasts");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static DemoFile read(Path dataDir) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dataDir.resolve(NAME))) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException("no running local group found (" + dataDir.resolve(NAME) + "): start "
                    + "./synod run first and wait until it prints the group", e);
        }
        List<Utxo> coins = new ArrayList<>();
        for (String c : p.getProperty("wallet.coins", "").split(",")) {
            String[] f = c.split(":");
            coins.add(new Utxo(new Outpoint(new Txid(f[0]), Integer.parseInt(f[1])), Satoshis.of(Long.parseLong(f[2]))));
        }
        return new DemoFile(URI.create(p.getProperty("bitcoin.rpc-url")), p.getProperty("bitcoin.api-key"),
                URI.create(p.getProperty("evm.rpc-url")), Long.parseLong(p.getProperty("evm.chain-id")),
                p.getProperty("keycloak.token-endpoint"), p.getProperty("group.key"), p.getProperty("group.token"),
                p.getProperty("group.redemption"), List.of(p.getProperty("nodes").split(",")),
                p.getProperty("wallet.key"), coins);
    }
}
