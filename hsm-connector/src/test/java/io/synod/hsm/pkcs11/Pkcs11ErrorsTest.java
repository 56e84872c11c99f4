package io.synod.hsm.pkcs11;

import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.PKCS11Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

/**
 * Return codes SoftHSM2 cannot be made to produce (it has no PIN retry counter, so it never locks): the mapping is
 * checked on the codes themselves. The token-level lock flag is checked at open (CKF_USER_PIN_LOCKED).
 */
class Pkcs11ErrorsTest {

    @Test
    void aLockedPinTellsTheOperatorWhoCanUnlockIt() {
        HsmException e = Pkcs11Errors.translate("logging in", new PKCS11Exception(CKR_PIN_LOCKED));
        assertThat(e.failure()).isEqualTo(HsmFailure.PIN_LOCKED);
        assertThat(e.getMessage()).contains("locked", "security officer", "PinReference");
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void lostSessionsAreRetryableAndTagFailuresAreAuthenticationFailures() {
        assertThat(Pkcs11Errors.translate("x", new PKCS11Exception(CKR_SESSION_HANDLE_INVALID)).failure())
                .isEqualTo(HsmFailure.SESSION_LOST);
        assertThat(Pkcs11Errors.translate("x", new PKCS11Exception(CKR_DEVICE_REMOVED)).retryable()).isTrue();
        assertThat(Pkcs11Errors.translateOpen("x", new PKCS11Exception(CKR_ENCRYPTED_DATA_INVALID)).failure())
                .isEqualTo(HsmFailure.AUTHENTICATION_FAILED);
        assertThat(Pkcs11Errors.translateOpen("x", new PKCS11Exception(Pkcs11Errors.CKR_AEAD_DECRYPT_FAILED))
                .failure()).isEqualTo(HsmFailure.AUTHENTICATION_FAILED);
        assertThat(Pkcs11Errors.translate("x", new PKCS11Exception(CKR_GENERAL_ERROR)).failure())
                .isEqualTo(HsmFailure.DEVICE_ERROR);
        assertThat(Pkcs11Errors.translate("x", new PKCS11Exception(CKR_USER_PIN_NOT_INITIALIZED)).failure())
                .isEqualTo(HsmFailure.TOKEN_NOT_INITIALISED);
    }
}
