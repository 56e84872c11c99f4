package io.synod.coordination.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of {@code node_secret}: a long-term node secret, sealed by the HSM, with its public half. */
@Entity
@Table(name = "node_secret")
public class NodeSecretEntity {

    @Id
    @Column(name = "purpose", length = 40)
    private String purpose;

    @Column(name = "public_key", nullable = false)
    private byte[] publicKey;

    @Column(name = "sealed_secret", nullable = false)
    private byte[] sealedSecret;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected NodeSecretEntity() {
    }

    NodeSecretEntity(String purpose, byte[] publicKey, byte[] sealedSecret, Instant now) {
        this.purpose = purpose;
        this.publicKey = publicKey.clone();
        this.sealedSecret = sealedSecret.clone();
        this.createdAt = now;
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    byte[] sealedSecret() {
        return sealedSecret.clone();
    }
}
