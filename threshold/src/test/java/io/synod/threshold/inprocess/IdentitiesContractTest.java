package io.synod.threshold.inprocess;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.synod.threshold.TestRandom;
import io.synod.threshold.message.SignedEnvelope;

/**
 * Contract of {@link Identities} (the pluggable MessageSigner / SignatureVerifier pair), run against every
 * implementation in this module: a member's signature verifies for that member only, and only over the exact
 * signing input.
 */
class IdentitiesContractTest {

    static Stream<Identities> implementations() {
        return Stream.of(new EcdsaIdentities(List.of(1, 2, 3), TestRandom.seeded(400)));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void signaturesBindMemberAndInput(Identities ids) {
        byte[] input = SignedEnvelope.signingInput("payload".getBytes());
        byte[] sig = ids.signer(2).sign(input);
        assertTrue(ids.verifier().verify(2, input, sig));
        assertFalse(ids.verifier().verify(3, input, sig), "another member's key must not verify it");
        assertFalse(ids.verifier().verify(9, input, sig), "unknown member");
        byte[] other = SignedEnvelope.signingInput("payload!".getBytes());
        assertFalse(ids.verifier().verify(2, other, sig), "another input must not verify");
        byte[] bent = sig.clone();
        bent[10] ^= 1;
        assertFalse(ids.verifier().verify(2, input, bent));
        assertFalse(ids.verifier().verify(2, input, new byte[0]));
    }
}
