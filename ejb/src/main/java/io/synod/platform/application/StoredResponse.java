package io.synod.platform.application;

/** The first answer to an idempotent request, replayed verbatim on every retry with the same key. */
public record StoredResponse(int status, String contentType, String body) {
}
