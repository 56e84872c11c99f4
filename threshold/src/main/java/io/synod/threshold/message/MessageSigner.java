package io.synod.threshold.message;

/** The sender's identity key (an HSM in production). Signs the envelope's signing input. */
@FunctionalInterface
public interface MessageSigner {
    byte[] sign(byte[] signingInput);
}
