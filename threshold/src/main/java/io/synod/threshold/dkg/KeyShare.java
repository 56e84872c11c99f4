package io.synod.threshold.dkg;

import java.math.BigInteger;

import io.synod.threshold.math.SecretScalar;

/** A member's secret share x_i of the group key and the public {@link GroupKey}. Wipeable, redacted. */
public final class KeyShare {
    private final int index;
    private final SecretScalar share;
    private final GroupKey group;

    public KeyShare(int index, BigInteger share, GroupKey group) {
        this.index = index;
        this.share = new SecretScalar(share);
        this.group = group;
    }

    public int index() {
        return index;
    }

    public GroupKey group() {
        return group;
    }

    /** x_i (untweaked). */
    public BigInteger secret() {
        return share.value();
    }

    /** The same secret share bound to a tweaked view of the group key. */
    public KeyShare tweaked(BigInteger delta) {
        return new KeyShare(index, share.value(), group.tweaked(delta));
    }

    public void wipe() {
        share.wipe();
    }

    public boolean isWiped() {
        return share.isWiped();
    }

    @Override
    public String toString() {
        return "KeyShare[member " + index + ", t " + group.threshold() + ", secret redacted]";
    }
}
