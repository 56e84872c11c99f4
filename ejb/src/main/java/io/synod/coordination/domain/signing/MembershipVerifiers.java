package io.synod.coordination.domain.signing;

/**
 * The epoch rotation a signing member checks after a resharing (every member expects exactly the epoch its own
 * resharing ended with, and only stakes it verified itself). Its state lives with the membership driver; the
 * signing runtime routes EPOCH_ROTATION to it for every epoch after 2 (epoch 2 records the founders' stakes).
 */
public interface MembershipVerifiers {

    /** EPOCH_ROTATION after epoch 2 (epoch 2 itself records the founders' stakes, checked elsewhere). */
    ActionVerifier epochRotation();
}
