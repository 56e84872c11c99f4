package io.synod.threshold.inprocess;

import io.synod.threshold.message.ThresholdMessage;

/** Replaces a member's outgoing message before it is signed (adversarial tests model a corrupt member this way). */
@FunctionalInterface
public interface MessageInterceptor {
    ThresholdMessage intercept(ThresholdMessage outgoing);
}
