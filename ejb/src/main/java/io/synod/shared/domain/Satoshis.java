package io.synod.shared.domain;

/**
 * An amount of bitcoin in satoshis. Never negative, never above the 21 million BTC supply, and never a
 * floating-point number: arithmetic that would overflow or go negative throws instead of wrapping.
 */
public record Satoshis(long value) implements Comparable<Satoshis> {

    public static final long MAX_SUPPLY = 21_000_000L * 100_000_000L;
    public static final Satoshis ZERO = new Satoshis(0);

    public Satoshis {
        if (value < 0 || value > MAX_SUPPLY) {
            throw new IllegalArgumentException("satoshi amount out of range [0, 21e14]: " + value);
        }
    }

    public static Satoshis of(long value) {
        return new Satoshis(value);
    }

    public Satoshis plus(Satoshis other) {
        return new Satoshis(Math.addExact(value, other.value));
    }

    public Satoshis minus(Satoshis other) {
        return new Satoshis(Math.subtractExact(value, other.value));
    }

    @Override
    public int compareTo(Satoshis other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return value + " sat";
    }
}
