package io.synod.coordination.domain;

import io.synod.shared.domain.SessionId;
import java.util.Optional;

/** Persists a member's key generation checkpoints, one per session; a save replaces the previous one. */
public interface SessionStore {
    void save(GenesisCheckpoint checkpoint);

    Optional<GenesisCheckpoint> load(SessionId session);
}
