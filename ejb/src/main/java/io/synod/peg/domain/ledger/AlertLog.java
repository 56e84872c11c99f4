package io.synod.peg.domain.ledger;

import java.util.List;

/** Where a member keeps its invariant alerts, durably: operators read them, nothing deletes them. */
public interface AlertLog {

    /** Records a new open alert; returns it with its id. */
    InvariantAlert raise(InvariantAlert alert);

    /** Marks the alert with this id as cleared at {@code block} (the invariant held again there). */
    void clear(long id, String block);

    /** The open alerts, oldest first. */
    List<InvariantAlert> open();

    /** The latest {@code limit} alerts, open or cleared, newest first. */
    List<InvariantAlert> latest(int limit);
}
