package io.synod.chain.devnet;

/** A local node could not be started, did not answer in time, or could not be stopped. */
public class DevnetException extends RuntimeException {

    public DevnetException(String message, Throwable cause) {
        super(message, cause);
    }
}
