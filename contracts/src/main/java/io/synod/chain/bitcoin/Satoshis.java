package io.synod.chain.bitcoin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** An amount of bitcoin in satoshis: never negative, never above the 21 million coin supply, never a double. */
public record Satoshis(long value) implements Comparable<Satoshis> {

    public static final long MAX_MONEY = 21_000_000L * 100_000_000L;
    public static final Satoshis ZERO = new Satoshis(0);

    @JsonCreator
    public Satoshis {
        if (value < 0 || value > MAX_MONEY) {
            throw new IllegalArgumentException("satoshis out of range: " + value);
        }
    }

    public static Satoshis of(long value) {
        return new Satoshis(value);
    }

    @JsonValue
    @Override
    public long value() {
        return value;
    }

    public Satoshis plus(Satoshis other) {
        return new Satoshis(Math.addExact(value, other.value));
    }

    public Satoshis minus(Satoshis other) {
        return new Satoshis(Math.subtractExact(value, other.value));
    }

    public boolean isLessThan(Satoshis other) {
        return value < other.value;
    }

    @Override
    public int compareTo(Satoshis o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return value + " sat";
    }
}
