package io.synod.hsm.pkcs11;

import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PinReferenceTest {

    @Test
    void environmentReferenceResolvesAndDescribesItselfWithoutThePin() {
        PinReference ref = PinReference.parse("env:HSM_PIN", Map.of("HSM_PIN", "s3cret")::get);
        try (Pin pin = ref.resolve()) {
            assertThat(new String(pin.chars())).isEqualTo("s3cret");
            assertThat(pin.toString()).doesNotContain("s3cret");
        }
        assertThat(ref.toString()).isEqualTo("PinReference[env:HSM_PIN]");
    }

    @Test
    void aResolvedPinIsWipedOnClose() {
        Pin pin = PinReference.parse("env:P", Map.of("P", "1234")::get).resolve();
        char[] chars = pin.chars();
        pin.close();
        assertThat(chars).containsOnly('\0');
    }

    @Test
    void elytronExpressionsMustHaveBeenResolvedByTheContainerAndAreNeverDescribed() {
        assertThatThrownBy(() -> PinReference.parse("elytron:${ENC::initial:RUxZ}").resolve())
                .isInstanceOfSatisfying(HsmException.class,
                        e -> assertThat(e.failure()).isEqualTo(HsmFailure.PIN_UNAVAILABLE))
                .hasMessageContaining("credential store");
        PinReference resolved = PinReference.parse("elytron:4711");
        assertThat(resolved.describe()).doesNotContain("4711");
        try (Pin pin = resolved.resolve()) {
            assertThat(new String(pin.chars())).isEqualTo("4711");
        }
    }
}
