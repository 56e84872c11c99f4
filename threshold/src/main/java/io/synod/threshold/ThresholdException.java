package io.synod.threshold;

/**
 * Base of every typed failure in the threshold core. Messages never contain secret values: they name the
 * reason and, where known, the culprit member index.
 */
public class ThresholdException extends RuntimeException {
    public ThresholdException(String message) {
        super(message);
    }
}
