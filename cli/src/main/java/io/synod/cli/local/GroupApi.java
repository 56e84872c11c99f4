package io.synod.cli.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a node's {@code GET /api/v1/group} as an operator would: a real token from the local Keycloak (the demo
 * auditor, read-only), {@code Accept: application/json}. Tokens are refreshed before they expire.
 */
public final class GroupApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final String tokenEndpoint;
    private String token;
    private long tokenUntil;

    public GroupApi(String tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
    }

    /** What a node reports about its group; absent fields are null in the JSON. */
    public record View(String phase, int round, String groupPublicKey, String bitcoinAddress, String detail) {
        public boolean ready() {
            return "READY".equals(phase);
        }
    }

    /** The node's view, or empty while it does not answer (starting, restarting). */
    public Optional<View> group(String baseUrl) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/group"))
                    .timeout(Duration.ofSeconds(5)).header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token()).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode n = JSON.readTree(r.body());
            return Optional.of(new View(n.path("phase").asText(), n.path("round").asInt(), text(n, "groupPublicKey"),
                    text(n, "bitcoinAddress"), text(n, "detail")));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private synchronized String token() throws IOException, InterruptedException {
        if (token != null && System.currentTimeMillis() < tokenUntil) {
            return token;
        }
        String form = "grant_type=password&client_id=synod-cli&username=auditor&password="
                + URLEncoder.encode("synod-demo", StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("token request failed: " + r.statusCode());
        }
        JsonNode n = JSON.readTree(r.body());
        token = n.path("access_token").asText();
        tokenUntil = System.currentTimeMillis() + Math.max(10, n.path("expires_in").asLong(60) - 20) * 1000;
        return token;
    }
}
