package io.synod.platform.infrastructure.persistence;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.synod.platform.application.StoredResponse;

@Entity
@Table(name = "idempotency_record")
public class IdempotencyRecordEntity {

    @EmbeddedId
    private Id id;

    @Column(name = "request_hash", nullable = false)
    private byte[] requestHash;

    @Column(name = "response_status", nullable = false)
    private int responseStatus;

    @Column(name = "response_type", nullable = false, length = 100)
    private String responseType;

    @Column(name = "response_body", nullable = false, length = 65536)
    private String responseBody;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IdempotencyRecordEntity() {
    }

    public static IdempotencyRecordEntity claim(Id id, byte[] requestHash, Instant now) {
        IdempotencyRecordEntity e = new IdempotencyRecordEntity();
        e.id = id;
        e.requestHash = requestHash.clone();
        e.responseStatus = 0;
        e.responseType = "";
        e.responseBody = "";
        e.createdAt = now;
        return e;
    }

    public void complete(StoredResponse response) {
        this.responseStatus = response.status();
        this.responseType = response.contentType();
        this.responseBody = response.body();
    }

    public byte[] requestHash() {
        return requestHash.clone();
    }

    public StoredResponse response() {
        return new StoredResponse(responseStatus, responseType, responseBody);
    }

    @Embeddable
    public static class Id implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "principal", nullable = false, length = 200)
        private String principal;

        @Column(name = "idempotency_key", nullable = false, length = 200)
        private String idempotencyKey;

        protected Id() {
        }

        public Id(String principal, String idempotencyKey) {
            this.principal = principal;
            this.idempotencyKey = idempotencyKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Id other && other.principal.equals(principal) && other.idempotencyKey.equals(idempotencyKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(principal, idempotencyKey);
        }
    }
}
