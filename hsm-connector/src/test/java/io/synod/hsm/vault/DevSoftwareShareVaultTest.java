package io.synod.hsm.vault;

import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevSoftwareShareVaultTest extends ShareVaultContract {
    private static final ShareVault VAULT = DevSoftwareShareVault.start(
            Map.of(DevSoftwareShareVault.SWITCH, "true")::get, Map.<String, String>of()::get, new SecureRandom());

    @Override
    protected ShareVault vault() {
        return VAULT;
    }

    @Test
    void refusesToStartWithoutTheExplicitDevelopmentSwitch() {
        assertThatThrownBy(() -> DevSoftwareShareVault.start(Map.<String, String>of()::get,
                Map.<String, String>of()::get, new SecureRandom()))
                .isInstanceOfSatisfying(HsmException.class, e -> {
                    assertThat(e.failure()).isEqualTo(HsmFailure.CONFIGURATION);
                    assertThat(e.getMessage()).contains("synod.vault.dev=true", "HSM");
                });
        assertThatThrownBy(() -> DevSoftwareShareVault.start(Map.of(DevSoftwareShareVault.SWITCH, "yes")::get,
                Map.<String, String>of()::get, new SecureRandom())).isInstanceOf(HsmException.class);
        assertThat(DevSoftwareShareVault.start(Map.<String, String>of()::get,
                Map.of(DevSoftwareShareVault.ENV_SWITCH, "true")::get, new SecureRandom()).kind())
                .isEqualTo("software-dev");
    }

    @Test
    void saysWhatItIs() {
        assertThat(VAULT.kind()).isEqualTo("software-dev");
        assertThat(VAULT.readiness().detail()).contains("DEVELOPMENT");
    }
}
