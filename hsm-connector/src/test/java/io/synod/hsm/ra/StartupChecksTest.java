package io.synod.hsm.ra;

import io.synod.hsm.api.HsmConnectionFactory;
import io.synod.hsm.api.HsmException;
import io.synod.hsm.api.HsmFailure;
import io.synod.hsm.api.Readiness;
import io.synod.hsm.support.Fixtures;
import io.synod.hsm.support.SoftHsm;
import io.synod.hsm.support.TestPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each misconfiguration an operator can make fails with its own reason and a message naming the setting to change;
 * the readiness probe reports not ready instead of throwing.
 */
class StartupChecksTest {

    private static HsmConnectionFactory factory(HsmManagedConnectionFactory mcf) {
        return (HsmConnectionFactory) mcf.createConnectionFactory(new TestPool(1, 1_000));
    }

    private static void assertNotReady(HsmManagedConnectionFactory mcf, HsmFailure reason, String... mentions) {
        HsmConnectionFactory cf = factory(mcf);
        Readiness r = cf.readiness();
        assertThat(r.ready()).isFalse();
        assertThat(r.failure()).contains(reason);
        assertThat(r.detail()).contains(mentions);
        assertThatThrownBy(cf::getConnection).isInstanceOfSatisfying(HsmException.class, e -> {
            assertThat(e.failure()).isEqualTo(reason);
            assertThat(e.getMessage()).contains(mentions);
        });
    }

    @Test
    void theConfiguredTokenIsReadyOnceTheKeysExist() {
        TestPool pool = new TestPool(1, 1_000);
        HsmConnectionFactory cf = Fixtures.pooledFactory(pool);
        Readiness r = cf.readiness();
        assertThat(r.ready()).as(r.detail()).isTrue();
        pool.shutdown();
    }

    @Test
    void aMissingLibraryNamesThePathAndTheSetting() {
        HsmManagedConnectionFactory mcf = SoftHsm.get().factory(SoftHsm.TOKEN);
        mcf.setLibraryPath("/opt/no-such-vendor/libpkcs11.so");
        assertNotReady(mcf, HsmFailure.LIBRARY_UNAVAILABLE, "/opt/no-such-vendor/libpkcs11.so", "LibraryPath");
    }

    @Test
    void aFileThatIsNotAPkcs11ModuleIsReportedAsSuch(@TempDir Path dir) throws Exception {
        Path notALibrary = Files.writeString(dir.resolve("libfake.so"), "not an ELF file");
        HsmManagedConnectionFactory mcf = SoftHsm.get().factory(SoftHsm.TOKEN);
        mcf.setLibraryPath(notALibrary.toString());
        assertNotReady(mcf, HsmFailure.LIBRARY_UNAVAILABLE, notALibrary.toString(), "LibraryPath");
    }

    @Test
    void anUnknownTokenLabelListsTheTokensPresentAndNamesTheSetting() {
        HsmManagedConnectionFactory mcf = SoftHsm.get().factory("no-such-token");
        assertNotReady(mcf, HsmFailure.TOKEN_NOT_FOUND, "'no-such-token'", "TokenLabel", SoftHsm.TOKEN);
    }

    @Test
    void aWrongPinIsReportedWithoutTheWrongPinAndIsNotRetried(@TempDir Path dir) throws Exception {
        String wrongPin = "wrong-pin-4711";
        Path pinFile = dir.resolve("pin");
        Files.writeString(pinFile, wrongPin + "\n");
        Files.setPosixFilePermissions(pinFile, PosixFilePermissions.fromString("rw-------"));
        HsmManagedConnectionFactory mcf = SoftHsm.get().factory(SoftHsm.WRONG_PIN_TOKEN);
        mcf.setPinReference("file:" + pinFile);
        assertNotReady(mcf, HsmFailure.PIN_INCORRECT, "PinReference", "rejected the user PIN");
        Readiness again = factory(mcf).readiness();
        assertThat(again.detail()).contains("not retried automatically").doesNotContain(wrongPin);
    }

    @Test
    void aWrongPinIsCaughtEvenWhenTheTokenIsAlreadyLoggedInByAnotherFactory(@TempDir Path dir) throws Exception {
        TestPool pool = new TestPool(1, 1_000);
        Fixtures.pooledFactory(pool); // logs the process in to the main token with the right PIN
        Path pinFile = dir.resolve("pin");
        Files.writeString(pinFile, "not-the-pin");
        Files.setPosixFilePermissions(pinFile, PosixFilePermissions.fromString("rw-------"));
        HsmManagedConnectionFactory mcf = SoftHsm.get().factory(SoftHsm.TOKEN);
        mcf.setPinReference("file:" + pinFile);
        assertNotReady(mcf, HsmFailure.PIN_INCORRECT, "another PIN", "PinReference");
        pool.shutdown();
    }

    @Test
    void anUnsetPinVariableIsNamed() {
        HsmManagedConnectionFactory mcf = SoftHsm.get().factory(SoftHsm.TOKEN);
        mcf.setPinReference("env:SYNOD_NO_SUCH_PIN_VARIABLE");
        assertNotReady(mcf, HsmFailure.PIN_UNAVAILABLE, "SYNOD_NO_SUCH_PIN_VARIABLE", "PinReference");
    }

    @Test
    void aLiteralPinInTheConfigurationIsRefusedAndNotEchoed() {
        HsmManagedConnectionFactory mcf = SoftHsm.get().factory(SoftHsm.TOKEN);
        mcf.setPinReference("123456");
        assertNotReady(mcf, HsmFailure.PIN_UNAVAILABLE, "PinReference", "literal PIN");
        assertThat(factory(mcf).readiness().detail()).doesNotContain("123456");
    }

    @Test
    void aPinFileReadableByOthersIsRefused(@TempDir Path dir) throws Exception {
        Path pinFile = dir.resolve("pin");
        Files.writeString(pinFile, "whatever");
        Files.setPosixFilePermissions(pinFile, PosixFilePermissions.fromString("rw-r--r--"));
        HsmManagedConnectionFactory mcf = SoftHsm.get().factory(SoftHsm.TOKEN);
        mcf.setPinReference("file:" + pinFile);
        assertNotReady(mcf, HsmFailure.PIN_UNAVAILABLE, "chmod 600", "PinReference");
    }

    @Test
    void aTokenWithoutTheMemberKeysPointsToTheKeyCeremony() {
        HsmManagedConnectionFactory mcf = SoftHsm.get().factory(SoftHsm.NO_KEYS_TOKEN);
        HsmConnectionFactory cf = factory(mcf);
        Readiness r = cf.readiness();
        assertThat(r.ready()).isFalse();
        assertThat(r.failure()).contains(HsmFailure.KEY_MISSING);
        assertThat(r.detail()).contains("key ceremony", "KeyLabelPrefix");
    }

    @Test
    void aMissingLibrarySettingIsAConfigurationError() {
        HsmManagedConnectionFactory mcf = SoftHsm.get().factory(SoftHsm.TOKEN);
        mcf.setLibraryPath(null);
        assertNotReady(mcf, HsmFailure.CONFIGURATION, "LibraryPath");
    }
}
