package io.synod.chain.bitcoin;

/** A fee rate in satoshis per 1000 virtual bytes (the unit nodes use), integer only. */
public record FeeRate(long satPerKvB) implements Comparable<FeeRate> {

    public FeeRate {
        if (satPerKvB <= 0) {
            throw new IllegalArgumentException("fee rate must be positive: " + satPerKvB);
        }
    }

    public static FeeRate satPerVbyte(long satPerVbyte) {
        return new FeeRate(Math.multiplyExact(satPerVbyte, 1000L));
    }

    /** The fee for {@code vbytes}, rounded up so the rate is never undershot. */
    public Satoshis feeFor(long vbytes) {
        return Satoshis.of(Math.floorDiv(Math.multiplyExact(satPerKvB, vbytes) + 999, 1000));
    }

    public FeeRate clamp(FeeRate floor, FeeRate ceiling) {
        if (floor.compareTo(ceiling) > 0) {
            throw new IllegalArgumentException("fee floor above ceiling");
        }
        return compareTo(floor) < 0 ? floor : compareTo(ceiling) > 0 ? ceiling : this;
    }

    @Override
    public int compareTo(FeeRate o) {
        return Long.compare(satPerKvB, o.satPerKvB);
    }

    @Override
    public String toString() {
        return satPerKvB + " sat/kvB";
    }
}
