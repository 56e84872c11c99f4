package io.synod.chain;

import java.util.Optional;

/**
 * Where a chain follower keeps its position. {@link #save} must be atomic: after a crash, {@link #load} returns
 * either the previous or the new cursor, never a mix. A transactional implementation (the EJB layer's JPA store)
 * saves in the same transaction as the follower's consumer, which makes delivery exactly-once.
 *
 * @param <C> the immutable cursor type of one follower
 */
public interface CursorStore<C> {

    Optional<C> load();

    void save(C cursor);
}
