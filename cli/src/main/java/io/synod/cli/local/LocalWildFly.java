package io.synod.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One Synod node: WildFly from the prepared distribution, with its own base directory (configuration,
 * data, logs) so several nodes share one installation and a node keeps its data across restarts.
 */
public final class LocalWildFly {

    /** Keeps a small EAR's server healthy on 2 cores without taking a 6 GB default heap. */
    public static final String JVM_FLAGS = "-Xms64m -Xmx384m -XX:MaxMetaspaceSize=256m -XX:+UseSerialGC "
            + "-XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=64m -Djava.net.preferIPv4Stack=true "
            + "-Djboss.modules.system.pkgs=org.jboss.byteman -Djava.awt.headless=true";

    private final int offset;

    private LocalWildFly(int offset) {
        this.offset = offset;
    }

    public static LocalWildFly start(ProcessSupervisor supervisor, String name, Path jbossHome, Path baseDir, int offset,
                                     Map<String, String> systemProperties, Map<String, String> environment, Path ear,
                                     Path log) {
        return start(supervisor, name, jbossHome, baseDir, offset, systemProperties, environment, ear, log,
                Duration.ofMinutes(3));
    }

    /** As above, waiting up to {@code deployTimeout} (several servers starting at once on 2 cores take longer). */
    public static LocalWildFly start(ProcessSupervisor supervisor, String name, Path jbossHome, Path baseDir, int offset,
                                     Map<String, String> systemProperties, Map<String, String> environment, Path ear,
                                     Path log, Duration deployTimeout) {
        prepareBaseDir(jbossHome, baseDir, ear);
        List<String> cmd = new ArrayList<>(List.of(jbossHome.resolve("bin/standalone.sh").toString(),
                "-b", "127.0.0.1", "-bmanagement", "127.0.0.1",
                "-Djboss.server.base.dir=" + baseDir.toAbsolutePath(),
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.tx.node.id=" + name));
        systemProperties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("JAVA_OPTS", JVM_FLAGS);
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
        env.put("JBOSS_PIDFILE", baseDir.resolve("wildfly.pid").toAbsolutePath().toString());
        Process p = supervisor.start(name, cmd, jbossHome, env, log);
        Path deployments = baseDir.resolve("deployments");
        String earName = ear.getFileName().toString();
        Waits.until("WildFly node " + name + " deploying " + earName, deployTimeout, p, log, () -> {
            if (Files.exists(deployments.resolve(earName + ".failed"))) {
                throw new IllegalStateException("deployment of " + earName + " failed; see " + log + Waits.tail(log));
            }
            return Files.exists(deployments.resolve(earName + ".deployed"));
        });
        return new LocalWildFly(offset);
    }

    public int httpPort() {
        return 8080 + offset;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort() + "/synod";
    }

    /**
     * Refreshes configuration from the prepared server on every start (a rebuilt server brings new
     * settings) while data/ and log/ stay, and places a fresh copy of the EAR.
     */
    private static void prepareBaseDir(Path jbossHome, Path baseDir, Path ear) {
        try {
            Path config = Files.createDirectories(baseDir.resolve("configuration"));
            Path source = jbossHome.resolve("standalone/configuration");
            try (Stream<Path> files = Files.list(source)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, config.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path deployments = Files.createDirectories(baseDir.resolve("deployments"));
            try (Stream<Path> old = Files.list(deployments)) {
                for (Path f : old.toList()) {
                    Files.deleteIfExists(f);
                }
            }
            Files.copy(ear, deployments.resolve(ear.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + baseDir + ": " + e.getMessage(), e);
        }
    }
}
