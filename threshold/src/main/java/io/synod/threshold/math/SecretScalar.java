package io.synod.threshold.math;

import java.math.BigInteger;

/**
 * A secret scalar that can be wiped and never prints its value. The JVM's BigInteger is immutable, so wiping
 * drops the only reference held here; callers must not keep copies obtained from {@link #value()}.
 */
public final class SecretScalar {
    private BigInteger value;

    public SecretScalar(BigInteger value) {
        if (!Scalars.isValid(value)) {
            throw new IllegalArgumentException("scalar out of range");
        }
        this.value = value;
    }

    public BigInteger value() {
        if (value == null) {
            throw new IllegalStateException("secret was wiped");
        }
        return value;
    }

    public boolean isWiped() {
        return value == null;
    }

    public void wipe() {
        value = null;
    }

    @Override
    public String toString() {
        return "SecretScalar[redacted]";
    }
}
