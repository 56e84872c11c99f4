package io.synod.threshold.message;

/** Checks a member's identity signature; the group's membership registry implements it. */
@FunctionalInterface
public interface SignatureVerifier {
    boolean verify(int member, byte[] signingInput, byte[] signature);
}
