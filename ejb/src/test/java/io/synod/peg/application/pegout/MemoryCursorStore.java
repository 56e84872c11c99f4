package io.synod.peg.application.pegout;

import java.util.Optional;

import io.synod.chain.CursorStore;

/** A follower's cursor kept in memory: one member's, for the length of a test. */
final class MemoryCursorStore<C> implements CursorStore<C> {
    private C cursor;

    @Override
    public synchronized Optional<C> load() {
        return Optional.ofNullable(cursor);
    }

    @Override
    public synchronized void save(C c) {
        cursor = c;
    }
}
