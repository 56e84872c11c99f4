package io.synod.coordination.infrastructure.memory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.synod.coordination.domain.GenesisCheckpoint;
import io.synod.shared.domain.SessionId;
import io.synod.coordination.domain.SessionStore;

/** Checkpoints in memory: for tests and a single-process devnet; a restart of the JVM loses them. */
public final class InMemorySessionStore implements SessionStore {
    private final Map<SessionId, GenesisCheckpoint> checkpoints = new ConcurrentHashMap<>();

    @Override
    public void save(GenesisCheckpoint checkpoint) {
        checkpoints.put(checkpoint.session(), checkpoint);
    }

    @Override
    public Optional<GenesisCheckpoint> load(SessionId session) {
        return Optional.ofNullable(checkpoints.get(session));
    }
}
