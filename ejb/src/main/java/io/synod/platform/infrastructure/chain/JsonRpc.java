package io.synod.platform.infrastructure.chain;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** One JSON-RPC call with a short timeout; any failure is "unknown", never an exception for the caller. */
final class JsonRpc {

    // bcoin answers HTTP/1.1 only
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private JsonRpc() {
    }

    static Optional<JsonValue> call(String url, String user, String password, String version, String method) {
        String body = "{\"jsonrpc\":\"" + version + "\",\"id\":1,\"method\":\"" + method + "\",\"params\":[]}";
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (password != null && !password.isEmpty()) {
            String basic = (user == null ? "" : user) + ":" + password;
            req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            HttpResponse<String> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return Optional.empty();
            }
            try (var reader = Json.createReader(new StringReader(r.body()))) {
                JsonObject o = reader.readObject();
                return o.isNull("result") ? Optional.empty() : Optional.of(o.get("result"));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
