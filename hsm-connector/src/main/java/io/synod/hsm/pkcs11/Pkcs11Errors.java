package io.synod.hsm.pkcs11;

import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.TokenException;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.*;

/** Maps PKCS#11 return codes to typed failures with messages an operator can act on. */
final class Pkcs11Errors {
    private Pkcs11Errors() {
    }

    static HsmException translate(String operation, TokenException e) {
        if (!(e instanceof PKCS11Exception p11)) {
            return new HsmException(HsmFailure.DEVICE_ERROR, operation + " failed: " + e.getMessage(), e);
        }
        long code = p11.getErrorCode();
        String name = p11.getErrorName();
        if (code == CKR_SESSION_HANDLE_INVALID || code == CKR_SESSION_CLOSED || code == CKR_DEVICE_REMOVED
                || code == CKR_TOKEN_NOT_PRESENT || code == CKR_USER_NOT_LOGGED_IN
                || code == CKR_CRYPTOKI_NOT_INITIALIZED) {
            return new HsmException(HsmFailure.SESSION_LOST,
                    operation + ": the token session is gone (" + name + "); the connection will be replaced", e);
        }
        if (code == CKR_ENCRYPTED_DATA_INVALID || code == CKR_ENCRYPTED_DATA_LEN_RANGE) {
            return new HsmException(HsmFailure.AUTHENTICATION_FAILED, operation
                    + ": authentication failed: the ciphertext was altered or is opened in the wrong context", e);
        }
        if (code == CKR_PIN_INCORRECT || code == CKR_PIN_INVALID || code == CKR_PIN_LEN_RANGE) {
            return new HsmException(HsmFailure.PIN_INCORRECT, operation + ": the token rejected the user PIN ("
                    + name + "); correct the secret that " + PinReference.SETTING + " points to", e);
        }
        if (code == CKR_PIN_LOCKED) {
            return pinLocked(operation);
        }
        if (code == CKR_PIN_EXPIRED || code == CKR_USER_PIN_NOT_INITIALIZED) {
            return new HsmException(HsmFailure.TOKEN_NOT_INITIALISED, operation + ": the token's user PIN is "
                    + (code == CKR_PIN_EXPIRED ? "expired" : "not initialised")
                    + "; the security officer must set it (see the key ceremony in docs/operations.md)", e);
        }
        return new HsmException(HsmFailure.DEVICE_ERROR, operation + " failed in the token: " + name, e);
    }

    /** PKCS#11 3.0 CKR_AEAD_DECRYPT_FAILED. */
    static final long CKR_AEAD_DECRYPT_FAILED = 0x35L;

    /**
     * For an AEAD decryption, the codes tokens use for a failed tag check: 2.40 tokens say ENCRYPTED_DATA_INVALID,
     * 3.0 tokens AEAD_DECRYPT_FAILED, and SoftHSM 2.6 GENERAL_ERROR.
     */
    static HsmException translateOpen(String operation, TokenException e) {
        if (e instanceof PKCS11Exception p11) {
            long code = p11.getErrorCode();
            if (code == CKR_GENERAL_ERROR || code == CKR_ENCRYPTED_DATA_INVALID || code == CKR_AEAD_DECRYPT_FAILED
                    || code == CKR_ENCRYPTED_DATA_LEN_RANGE) {
                return new HsmException(HsmFailure.AUTHENTICATION_FAILED, operation + ": authentication failed ("
                        + p11.getErrorName() + "): the ciphertext was altered or is opened in the wrong context", e);
            }
        }
        return translate(operation, e);
    }

    static HsmException pinLocked(String operation) {
        return new HsmException(HsmFailure.PIN_LOCKED, operation + ": the token's user PIN is locked after too many "
                + "wrong attempts; the security officer must unlock it (C_InitPIN) before the node can start, then "
                + "check the secret that " + PinReference.SETTING + " points to");
    }
}
