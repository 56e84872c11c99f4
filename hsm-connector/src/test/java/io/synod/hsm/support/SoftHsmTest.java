package io.synod.hsm.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoftHsmTest {

    @Test
    void aMissingSoftHsmFailsWithTheInstallCommand() {
        assertThatThrownBy(() -> SoftHsm.requireInstalled("/nonexistent/libsofthsm2.so"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("apt-get install -y softhsm2");
        assertThatCode(() -> SoftHsm.requireInstalled(SoftHsm.get().library())).doesNotThrowAnyException();
    }
}
