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
    private final java.util.Map<String, String> tokens = new java.util.HashMap<>();
    private final java.util.Map<String, Long> tokenUntil = new java.util.HashMap<>();

    public GroupApi(String tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
    }

    /** What a node reports about its group; absent fields are null in the JSON. */
    public record View(String phase, int round, String groupPublicKey, String bitcoinAddress, String detail,
            Signing signing) {
        public boolean ready() {
            return "READY".equals(phase);
        }

        /** True once the node recorded epoch 1 (the group's registry) and signs. */
        public boolean signs() {
            return signing != null && "SIGNING".equals(signing.phase());
        }
    }

    /**
     * The signing part of the view: phase, contracts, pool, liveness and the last settled heartbeat; {@code quorum}
     * (2t+1) and {@code payoutQuorum} (approvals a payout needs), and the payout-kind requests held back meanwhile.
     */
    public record Signing(String phase, String registry, String board, long registryEpoch, int poolSize,
            int openSessions,
            int signingInProgress,
            java.util.List<Integer> suspected, String liveness, Heartbeat lastHeartbeat, String detail, int quorum,
            int payoutQuorum, int payoutsHeld) {
    }

    /** A settled heartbeat as the node reports it (r and s null when it was not signed). */
    public record Heartbeat(long epoch, long sequence, long boardBlock, String digest, String r, String s,
            java.util.List<Integer> responders, boolean signed) {
    }

    private static Signing signing(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        JsonNode c = n.get("contracts");
        JsonNode h = n.get("lastHeartbeat");
        Heartbeat beat = h == null || h.isNull() ? null : new Heartbeat(h.path("epoch").asLong(),
                h.path("sequence").asLong(), h.path("boardBlock").asLong(), text(h, "digest"), text(h, "r"),
                text(h, "s"), ints(h.get("responders")), h.path("signed").asBoolean());
        return new Signing(n.path("phase").asText(), c == null || c.isNull() ? null : text(c, "registry"),
                c == null || c.isNull() ? null : text(c, "board"), n.path("registryEpoch").asLong(),
                n.path("poolSize").asInt(),
                n.path("openSessions").asInt(), n.path("signingInProgress").asInt(), ints(n.get("suspected")), n.path("liveness").asText(), beat,
                text(n, "detail"), n.path("quorum").asInt(), n.path("payoutQuorum").asInt(),
                n.path("payoutsHeld").asInt());
    }

    private static java.util.List<Integer> ints(JsonNode a) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        if (a != null) {
            a.forEach(x -> out.add(x.asInt()));
        }
        return out;
    }

    /** A node's membership view ({@code GET /api/v1/group/membership}). */
    public record Membership(String role, long registryEpoch, String resharingKind, String resharingSubject,
            String resharingStage, java.util.List<String> refusals, java.util.List<String> stakeReturns,
            String detail) {
    }

    /** The node's membership view, or empty while it does not answer. */
    public Optional<Membership> membership(String baseUrl) {
        return read(baseUrl, "/api/v1/group/membership").map(n -> {
            JsonNode rs = n.get("resharing");
            boolean none = rs == null || rs.isNull();
            java.util.List<String> refusals = new java.util.ArrayList<>();
            n.path("refusals").forEach(x -> refusals.add(x.path("candidate").asText() + " " + x.path("stake").asText()
                    + " " + x.path("reason").asText()));
            java.util.List<String> returns = new java.util.ArrayList<>();
            n.path("stakeReturns").forEach(x -> returns.add(x.asText()));
            return new Membership(n.path("role").asText(), n.path("registryEpoch").asLong(),
                    none ? null : text(rs, "kind"), none ? null : text(rs, "subject"), none ? null : text(rs, "stage"),
                    refusals, returns, text(n, "detail"));
        });
    }

    /** The custody admin (demo user desk-admin) asks for the node's member to leave the group. */
    public void requestLeave(String baseUrl) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/group/leave"))
                    .timeout(Duration.ofSeconds(10)).header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token("desk-admin"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                throw new IllegalStateException("leave request refused: " + r.statusCode() + " " + r.body());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The node's view, or empty while it does not answer (starting, restarting). */
    public Optional<View> group(String baseUrl) {
        return read(baseUrl, "/api/v1/group").map(n -> new View(n.path("phase").asText(), n.path("round").asInt(),
                text(n, "groupPublicKey"), text(n, "bitcoinAddress"), text(n, "detail"), signing(n.get("signing"))));
    }

    /**
     * The node's {@code GET /api/v1/membership/misbehaviour} (convictions, false accusations, exclusions,
     * confiscations) as JSON, or empty while it does not answer.
     */
    public Optional<JsonNode> misbehaviour(String baseUrl) {
        return read(baseUrl, "/api/v1/membership/misbehaviour");
    }

    /** Any read of the node's REST API as the demo auditor: the JSON body of a 200, or empty (other status, down). */
    public Optional<JsonNode> read(String baseUrl, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(5)).header("Accept", "application/json")
                    .header("Authorization", "Bearer " + token("auditor")).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(JSON.readTree(r.body())) : Optional.empty();
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

    private synchronized String token(String user) throws IOException, InterruptedException {
        String token = tokens.get(user);
        if (token != null && System.currentTimeMillis() < tokenUntil.getOrDefault(user, 0L)) {
            return token;
        }
        String form = "grant_type=password&client_id=synod-cli&username=" + user + "&password="
                + URLEncoder.encode("synod-demo", StandardCharsets.UTF_8);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("token request failed: " + r.statusCode());
        }
        JsonNode n = JSON.readTree(r.body());
        token = n.path("access_token").asText();
        tokens.put(user, token);
        tokenUntil.put(user, System.currentTimeMillis() + Math.max(10, n.path("expires_in").asLong(60) - 20) * 1000);
        return token;
    }
}
