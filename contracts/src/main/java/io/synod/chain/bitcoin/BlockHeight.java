package io.synod.chain.bitcoin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A block's height, genesis being 0. */
public record BlockHeight(long value) implements Comparable<BlockHeight> {

    @JsonCreator
    public BlockHeight {
        if (value < 0) {
            throw new IllegalArgumentException("negative height " + value);
        }
    }

    public static BlockHeight of(long value) {
        return new BlockHeight(value);
    }

    @JsonValue
    @Override
    public long value() {
        return value;
    }

    public BlockHeight next() {
        return new BlockHeight(value + 1);
    }

    /** Confirmations of something mined at this height when {@code tip} is the best block (1 at the tip). */
    public int confirmationsAt(BlockHeight tip) {
        return tip.value < value ? 0 : Math.toIntExact(tip.value - value + 1);
    }

    @Override
    public int compareTo(BlockHeight o) {
        return Long.compare(value, o.value);
    }

    @Override
    public String toString() {
        return "#" + value;
    }
}
