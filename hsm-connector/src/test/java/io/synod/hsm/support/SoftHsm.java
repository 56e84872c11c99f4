package io.synod.hsm.support;

import io.synod.hsm.ra.HsmManagedConnectionFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private SoftHSM2 installation for the tests: its own token directory under target/, tokens initialised by label
 * with softhsm2-util once per JVM (before the library is first loaded, since SoftHSM reads its tokens at
 * C_Initialize). Surefire points SOFTHSM2_CONF at the config file this class writes.
 */
public final class SoftHsm {
    public static final String TOKEN = "synod-test";
    public static final String WRONG_PIN_TOKEN = "synod-wrongpin";
    public static final String NO_KEYS_TOKEN = "synod-nokeys";
    public static final String PIN_ENV = "SYNOD_TEST_HSM_PIN";
    private static final String SO_PIN = "synod-test-so-pin";

    private static SoftHsm instance;

    private final Path dir;
    private final String library;

    private SoftHsm(Path dir, String library) {
        this.dir = dir;
        this.library = library;
    }

    /** Creates the tokens once per JVM; fails with instructions if SoftHSM2 is not installed. */
    public static synchronized SoftHsm get() {
        if (instance == null) {
            instance = create(List.of(TOKEN, WRONG_PIN_TOKEN, NO_KEYS_TOKEN));
        }
        return instance;
    }

    private static SoftHsm create(List<String> labels) {
        String library = System.getProperty("synod.hsm.test.library", "/usr/lib/softhsm/libsofthsm2.so");
        String conf = System.getenv("SOFTHSM2_CONF");
        String pin = System.getenv(PIN_ENV);
        requireInstalled(library);
        if (conf == null || pin == null) {
            throw new IllegalStateException("SOFTHSM2_CONF and " + PIN_ENV + " must be set for the HSM tests; run "
                    + "them through Maven (mvn -f hsm-connector/pom.xml verify), which sets both");
        }
        try {
            Path confFile = Path.of(conf).toAbsolutePath();
            Path dir = confFile.getParent();
            Path tokens = dir.resolve("tokens");
            deleteTree(tokens);
            Files.createDirectories(tokens);
            Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                    + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.UTF_8);
            for (String label : labels) {
                run(List.of("softhsm2-util", "--init-token", "--free", "--label", label, "--so-pin", SO_PIN,
                        "--pin", pin));
            }
            return new SoftHsm(dir, library);
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the SoftHSM2 token directory: " + e.getMessage(), e);
        }
    }

    /** Fails with the command that fixes it when SoftHSM2 is missing: these tests never fall back to a fake. */
    static void requireInstalled(String library) {
        if (!Files.isRegularFile(Path.of(library)) || which("softhsm2-util") == null) {
            throw new IllegalStateException("SoftHSM2 is not installed (no " + library + " or no softhsm2-util on "
                    + "PATH): install it with `apt-get install -y softhsm2 opensc`; the HSM tests need a real token");
        }
    }

    public String library() {
        return library;
    }

    public Path dir() {
        return dir;
    }

    /** A managed connection factory configured as an operator would: library, label, PIN by reference. */
    public HsmManagedConnectionFactory factory(String tokenLabel) {
        HsmManagedConnectionFactory mcf = new HsmManagedConnectionFactory();
        mcf.setLibraryPath(library);
        mcf.setTokenLabel(tokenLabel);
        mcf.setPinReference("env:" + PIN_ENV);
        mcf.setKeyLabelPrefix("synod");
        return mcf;
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " " + command.get(1) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Path which(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (var walk = Files.walk(root)) {
            walk.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.delete(all.get(i));
        }
    }
}
