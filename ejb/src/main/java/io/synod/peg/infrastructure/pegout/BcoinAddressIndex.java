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
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * bcoin's address index ({@code POST /coin/address}, node started with {@code --index-address}): the unspent
 * outputs to a set of addresses, mempool outputs included (height −1) and outputs spent in the mempool left out.
 */
public final class BcoinAddressIndex {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public BcoinAddressIndex(URI nodeUrl, String apiKey) {
        this.base = nodeUrl;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(("x:" + apiKey).getBytes(StandardCharsets.UTF_8));
    }

    /** One unspent output as the index reports it; {@code height} is −1 for a mempool output. */
    public record IndexedCoin(String txid, int index, long value, String scriptHex, String address, long height) {
    }

    public List<IndexedCoin> coins(List<String> addresses) {
        try {
            String body = JSON.writeValueAsString(Map.of("addresses", addresses));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/coin/address"))
                    .header("Authorization", authorization).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("bcoin answered " + r.statusCode() + " for the coins of " + addresses.size()
                        + " addresses");
            }
            List<IndexedCoin> coins = new ArrayList<>();
            for (JsonNode c : JSON.readTree(r.body())) {
                coins.add(new IndexedCoin(c.path("hash").asText(), c.path("index").asInt(), c.path("value").asLong(),
                        c.path("script").asText(), c.path("address").asText(), c.path("height").asLong(-1)));
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
