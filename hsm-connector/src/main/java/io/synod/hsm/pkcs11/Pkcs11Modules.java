package io.synod.hsm.pkcs11;

import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_CRYPTOKI_ALREADY_INITIALIZED;

/**
 * One loaded and initialised PKCS#11 module per library path for the whole JVM: C_Initialize may run only once per
 * process, so every token on the same library shares it.
 */
final class Pkcs11Modules {
    private static final Logger LOG = Logger.getLogger(Pkcs11Modules.class.getName());
    private static final Map<String, PKCS11Module> LOADED = new HashMap<>();

    private Pkcs11Modules() {
    }

    static synchronized PKCS11Module load(String libraryPath) {
        PKCS11Module module = LOADED.get(libraryPath);
        if (module != null) {
            return module;
        }
        WrapperLogging.install();
        Path path = Path.of(libraryPath);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new HsmException(HsmFailure.LIBRARY_UNAVAILABLE, "the PKCS#11 library " + libraryPath
                    + " does not exist or is not readable: install the HSM vendor's client, or set LibraryPath "
                    + "(for SoftHSM2 on Debian: /usr/lib/softhsm/libsofthsm2.so)");
        }
        try {
            module = PKCS11Module.getInstance(libraryPath);
            module.initialize();
        } catch (PKCS11Exception e) {
            if (e.getErrorCode() != CKR_CRYPTOKI_ALREADY_INITIALIZED) {
                throw new HsmException(HsmFailure.LIBRARY_UNAVAILABLE, "the PKCS#11 library " + libraryPath
                        + " failed to initialise (" + e.getErrorName() + "); check the vendor's client configuration",
                        e);
            }
            // another class loader of this JVM initialised it (redeployment); the module is usable
        } catch (IOException | UnsatisfiedLinkError | RuntimeException e) {
            throw new HsmException(HsmFailure.LIBRARY_UNAVAILABLE, "cannot load the PKCS#11 library " + libraryPath
                    + " (" + e.getMessage() + "): check that it is a PKCS#11 module for this platform, "
                    + "or set LibraryPath", e);
        }
        LOADED.put(libraryPath, module);
        return module;
    }

    /** Finalises every module; called when the resource adapter stops. */
    static synchronized void finalizeAll() {
        for (Map.Entry<String, PKCS11Module> e : LOADED.entrySet()) {
            try {
                e.getValue().finalize(null);
            } catch (PKCS11Exception ex) {
                LOG.log(Level.WARNING, "C_Finalize of " + e.getKey() + " failed: " + ex.getErrorName());
            }
        }
        LOADED.clear();
    }
}
