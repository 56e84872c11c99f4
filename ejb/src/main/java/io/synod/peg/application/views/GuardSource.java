package io.synod.peg.application.views;

import java.util.function.Supplier;

/**
 * The guard as the node's peg-in runtime computes it (its stake view and its view of the wrapped supply and the
 * mints in flight). A node whose peg-in runtime does not run has no source: its guard view is unavailable.
 */
public interface GuardSource extends Supplier<GuardSnapshot> {
}
