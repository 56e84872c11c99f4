package io.synod.web.rest.v1;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.function.Function;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.synod.platform.application.IdempotencyService;
import io.synod.platform.application.StoredResponse;

/**
 * Runs a state-changing call through {@link IdempotencyService}: the request is fingerprinted from
 * its operation and canonical body, and the stored first answer is replayed on retries.
 */
@RequestScoped
public class IdempotentCall {

    public static final String HEADER = "Idempotency-Key";

    private static final Jsonb JSON = JsonbBuilder.create();

    @Inject
    private IdempotencyService service;

    @Inject
    private Principal caller;

    public Response run(String key, String operation, Object body, Function<String, StoredResponse> action) {
        String actor = caller.getName();
        byte[] fingerprint = sha256(operation + "\n" + JSON.toJson(body));
        StoredResponse response = service.execute(actor, key, fingerprint, () -> action.apply(actor));
        return Response.status(response.status()).type(response.contentType()).entity(response.body()).build();
    }

    static StoredResponse json(int status, Object entity) {
        return new StoredResponse(status, MediaType.APPLICATION_JSON, JSON.toJson(entity));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
