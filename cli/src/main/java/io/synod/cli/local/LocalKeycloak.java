package io.synod.cli.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Keycloak in development mode with the Synod realm imported from the repository's realm file.
 * Realm import skips a realm that already exists, so {@code fresh} wipes Keycloak's own data first
 * (tests want exactly the realm in the repository; the quick start keeps its users).
 */
public final class LocalKeycloak {

    public static final String REALM = "synod";
    public static final String REALM_RESOURCE = "/keycloak/synod-realm.json";

    private final int port;

    private LocalKeycloak(int port) {
        this.port = port;
    }

    public static LocalKeycloak start(ProcessSupervisor supervisor, Path home, int port, boolean fresh, Path log) {
        Path kc = home.resolve("bin/kc.sh");
        if (!Files.isExecutable(kc)) {
            throw new IllegalStateException("Keycloak is not unpacked at " + home + " (run ./mvnw package -DskipTests)");
        }
        try {
            if (fresh) {
                Trees.delete(home.resolve("data"));
            }
            Path imports = Files.createDirectories(home.resolve("data/import"));
            try (InputStream realm = LocalKeycloak.class.getResourceAsStream(REALM_RESOURCE)) {
                Files.copy(realm, imports.resolve("synod-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int management = Ports.free();
        Process p = supervisor.start("keycloak", List.of(kc.toString(), "start-dev", "--http-host=127.0.0.1",
                        "--http-port=" + port, "--http-management-port=" + management, "--import-realm",
                        "--log-level=WARN"),
                home, Map.of("KC_BOOTSTRAP_ADMIN_USERNAME", "admin", "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin",
                        "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m"), log);
        LocalKeycloak keycloak = new LocalKeycloak(port);
        Waits.until("Keycloak", Duration.ofMinutes(4), p, log,
                () -> Http.status(keycloak.issuer() + "/.well-known/openid-configuration") == 200);
        return keycloak;
    }

    public int port() {
        return port;
    }

    /** The issuer URL; WildFly's provider-url must be exactly this string. */
    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }
}
