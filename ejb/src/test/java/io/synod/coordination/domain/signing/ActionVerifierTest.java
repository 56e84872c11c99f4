package io.synod.coordination.domain.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The shared decode-or-refuse and refusal helpers every verifier uses. */
class ActionVerifierTest {
    private final HeartbeatVerifier heartbeat = new HeartbeatVerifier(3, () -> 100, 10);

    @Test
    void bytesThatDoNotDecodeAreARefusalOfTheVerifiersKindNamingTheDecoderReason() {
        assertThatThrownBy(() -> heartbeat.approve(new byte[] {1, 2, 3})).isInstanceOfSatisfying(ActionRefused.class,
                r -> {
                    assertThat(r.kind()).isEqualTo(ActionKind.HEARTBEAT);
                    assertThat(r.getMessage()).startsWith("HEARTBEAT refused: does not decode: ");
                });
    }

    @Test
    void aDecoderFailureOfAnyRuntimeKindIsARefusalAndASuccessIsPassedThrough() throws ActionRefused {
        assertThatThrownBy(() -> ActionVerifier.decodeOrRefuse(ActionKind.MINT, "x", s -> {
            throw new IllegalStateException("boom");
        })).isInstanceOf(ActionRefused.class).hasMessage("MINT refused: does not decode: boom");
        Integer decoded = ActionVerifier.decodeOrRefuse(ActionKind.MINT, "42", Integer::valueOf);
        assertThat(decoded).isEqualTo(42);
        assertThat(heartbeat.refuse("stale").kind()).isEqualTo(ActionKind.HEARTBEAT);
        assertThat(heartbeat.refuse("stale")).hasMessage("HEARTBEAT refused: stale");
    }
}
