package io.synod.shared.infrastructure.persistence;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;

/**
 * Creation and update times plus an optimistic-lock version: two transactions changing one row
 * concurrently make one of them fail instead of silently overwriting the other.
 */
@MappedSuperclass
public abstract class TrackedRow {

    @Column(name = "created_at", nullable = false)
    protected Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    protected Instant updatedAt;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected void created(Instant now) {
        this.createdAt = now;
        this.updatedAt = now;
    }

    protected void touched(Instant now) {
        this.updatedAt = now;
    }
}
