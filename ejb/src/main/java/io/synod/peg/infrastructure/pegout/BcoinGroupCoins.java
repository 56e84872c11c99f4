package io.synod.peg.infrastructure.pegout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.Utxo;
import io.synod.peg.application.pegout.GroupCoins;

/**
 * The group's coins from bcoin's address index ({@code GET /coin/address/ADDR}, node started with
 * {@code --index-address}), which leaves out coins spent in the mempool. Only confirmed coins with the group's
 * exact script are returned: a payout never spends an unconfirmed change.
 */
public final class BcoinGroupCoins implements GroupCoins {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final String address;
    private final String scriptHex;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public BcoinGroupCoins(URI nodeUrl, String apiKey, String groupAddress, String groupScriptHex) {
        this.base = nodeUrl;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(("x:" + apiKey).getBytes(StandardCharsets.UTF_8));
        this.address = groupAddress;
        this.scriptHex = groupScriptHex;
    }

    @Override
    public List<Coin> confirmed() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/coin/address/" + address))
                    .header("Authorization", authorization).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("bcoin answered " + r.statusCode() + " for the group's coins");
            }
            List<Coin> coins = new ArrayList<>();
            for (JsonNode c : JSON.readTree(r.body())) {
                long height = c.path("height").asLong(-1);
                if (height < 1 || !scriptHex.equals(c.path("script").asText())) {
                    continue;
                }
                coins.add(new Coin(new Utxo(new Outpoint(new Txid(c.path("hash").asText()), c.path("index").asInt()),
                        Satoshis.of(c.path("value").asLong())), height));
            }
            return coins;
        } catch (IOException e) {
            throw new UncheckedIOException("bcoin unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
