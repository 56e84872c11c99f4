package io.synod.shared.domain;

/** A key epoch of the group: starts at 1 with genesis and grows by one with every resharing. */
public record Epoch(long value) implements Comparable<Epoch> {

    public Epoch {
        if (value < 1) {
            throw new IllegalArgumentException("epoch starts at 1, got " + value);
        }
    }

    public Epoch next() {
        return new Epoch(Math.addExact(value, 1));
    }

    @Override
    public int compareTo(Epoch other) {
        return Long.compare(value, other.value);
    }
}
