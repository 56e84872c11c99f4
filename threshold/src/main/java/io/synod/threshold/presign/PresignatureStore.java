package io.synod.threshold.presign;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A member's pool of unused presignatures. {@link #take()} removes one; a removed presignature is never
 * returned again, and the presignature itself refuses a second {@link Presignature#consume()}.
 */
public final class PresignatureStore {
    private final Deque<Presignature> available = new ArrayDeque<>();

    public synchronized void add(Presignature p) {
        if (p.isConsumed()) {
            throw new Presignature.PresignatureConsumedException();
        }
        available.addLast(p);
    }

    public synchronized Presignature take() {
        Presignature p = available.pollFirst();
        if (p == null) {
            throw new io.synod.threshold.ThresholdException("no presignature available");
        }
        return p;
    }

    public synchronized int size() {
        return available.size();
    }
}
