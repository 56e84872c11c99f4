package io.synod.chain.devnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the installed npm packages: the system property {@code synod.devnet.nodeModules}, else the environment
 * variable {@code SYNOD_NODE_MODULES}, else {@code <repo>/contracts/node_modules} found by walking up from the
 * working directory (so any module of the repository, and the CLI started from its root, find the same one).
 */
public final class NodeModules {

    public static final String PROPERTY = "synod.devnet.nodeModules";
    public static final String ENVIRONMENT = "SYNOD_NODE_MODULES";

    private final Path dir;

    private NodeModules(Path dir) {
        this.dir = dir;
    }

    public static NodeModules at(Path dir) {
        if (!Files.isDirectory(dir.resolve("bcoin")) || !Files.isDirectory(dir.resolve("@foundry-rs"))) {
            throw new DevnetException(dir + " has no bcoin or anvil: run the contracts build (npm ci) first", null);
        }
        return new NodeModules(dir.toAbsolutePath().normalize());
    }

    public static NodeModules locate() {
        String configured = Optional.ofNullable(System.getProperty(PROPERTY)).orElse(System.getenv(ENVIRONMENT));
        if (configured != null && !configured.isBlank()) {
            return at(Path.of(configured));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("contracts").resolve("node_modules");
            if (Files.isDirectory(candidate)) {
                return at(candidate);
            }
            if (p.getFileName() != null && p.getFileName().toString().equals("contracts")
                    && Files.isDirectory(p.resolve("node_modules"))) {
                return at(p.resolve("node_modules"));
            }
        }
        throw new DevnetException("no contracts/node_modules above " + Path.of("").toAbsolutePath()
                + "; set -D" + PROPERTY + " or " + ENVIRONMENT, null);
    }

    public Path dir() {
        return dir;
    }

    public Path bcoinNode() {
        return dir.resolve("bcoin/bin/node");
    }

    /** anvil's native binary from the platform package npm installed beside {@code @foundry-rs/anvil}. */
    public Path anvil() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String platform = (os.contains("mac") ? "darwin" : os.contains("win") ? "win32" : "linux") + "-"
                + (arch.contains("aarch64") || arch.contains("arm64") ? "arm64" : "amd64");
        Path binary = dir.resolve("@foundry-rs/anvil-" + platform + "/bin/anvil" + (os.contains("win") ? ".exe" : ""));
        if (!Files.isExecutable(binary)) {
            throw new DevnetException("anvil binary missing or not executable: " + binary, null);
        }
        return binary;
    }
}
