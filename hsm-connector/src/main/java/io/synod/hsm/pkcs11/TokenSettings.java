package io.synod.hsm.pkcs11;

import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;

/**
 * The configuration of one token: the PKCS#11 library, the token label, the PIN reference and the prefix of the
 * member's key labels ({@code <prefix>-identity}, {@code <prefix>-transport}, {@code <prefix>-seal}).
 */
public record TokenSettings(String libraryPath, String tokenLabel, PinReference pin, String keyLabelPrefix) {

    public TokenSettings {
        if (libraryPath == null || libraryPath.isBlank()) {
            throw new HsmException(HsmFailure.CONFIGURATION,
                    "no PKCS#11 library configured: set LibraryPath to the HSM vendor's module (.so)");
        }
        if (tokenLabel == null || tokenLabel.isBlank()) {
            throw new HsmException(HsmFailure.CONFIGURATION, "no token label configured: set TokenLabel");
        }
        if (pin == null) {
            throw new HsmException(HsmFailure.PIN_UNAVAILABLE, "no PIN reference configured: set PinReference");
        }
        if (keyLabelPrefix == null || keyLabelPrefix.isBlank()) {
            keyLabelPrefix = "synod";
        }
    }

    String identityLabel() {
        return keyLabelPrefix + "-identity";
    }

    String transportLabel() {
        return keyLabelPrefix + "-transport";
    }

    String sealLabel() {
        return keyLabelPrefix + "-seal";
    }

    /** Identifies the token for sharing one login between connection factories. */
    String key() {
        return libraryPath + "|" + tokenLabel + "|" + keyLabelPrefix;
    }
}
