package io.synod.peg.infrastructure.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who spent an output, from bcoin's address index ({@code GET /tx/address}, node started with
 * {@code --index-address}): Bitcoin Core's RPC has no spent-output index, and a member that did not approve a spend
 * (it was down, or its vote was not needed) still has to book it from the chain. Transactions come in bcoin's JSON:
 * {@code hash}, {@code height} (-1 in the mempool), {@code inputs[].prevout.{hash,index}}, {@code outputs[].{script,value}}.
 */
public final class BcoinAddressHistory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public BcoinAddressHistory(URI nodeUrl, String apiKey) {
        this.base = nodeUrl;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(("x:" + apiKey).getBytes(StandardCharsets.UTF_8));
    }

    /** The transaction in a block that spends {@code txid:vout}, an output paying {@code address}, if there is one. */
    public Optional<JsonNode> confirmedSpender(String address, String txid, int vout) {
        for (JsonNode tx : transactions(address)) {
            if (tx.path("height").asLong(-1) < 0) {
                continue;
            }
            for (JsonNode in : tx.path("inputs")) {
                JsonNode prevout = in.path("prevout");
                if (prevout.path("hash").asText().equals(txid) && prevout.path("index").asInt(-1) == vout) {
                    return Optional.of(tx);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the output is unspent counting the mempool's spends ({@code GET /coin}); bcoin's {@code gettxout}
     * ignores them.
     */
    public boolean unspentWithMempool(String txid, int vout) {
        HttpResponse<String> r = get("/coin/" + txid + "/" + vout);
        if (r.statusCode() != 200 && r.statusCode() != 404) {
            throw new IllegalStateException("bcoin answered " + r.statusCode() + " for coin " + txid + ":" + vout);
        }
        return r.statusCode() == 200;
    }

    private JsonNode transactions(String address) {
        HttpResponse<String> r = get("/tx/address/" + address);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("bcoin answered " + r.statusCode() + " for the transactions of " + address);
        }
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("bcoin answered unreadable JSON for the transactions of " + address, e);
        }
    }

    private HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization)
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("bcoin unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
