package io.synod.it;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import io.synod.chain.devnet.Devnet;
import io.synod.cli.local.LocalHsm;
import io.synod.cli.local.LocalKeycloak;
import io.synod.cli.local.LocalPostgres;
import io.synod.cli.local.LocalWildFly;
import io.synod.cli.local.Ports;
import io.synod.cli.local.ProcessSupervisor;
import io.synod.cli.local.Trees;

/**
 * Starts the services WildFly depends on (PostgreSQL, Keycloak) once per test JVM, before Arquillian
 * starts the server, and passes their coordinates to it through system properties read by
 * arquillian.xml. Everything is stopped by PID when the session closes.
 */
public class ItEnvironment implements LauncherSessionListener {

    private static volatile ItEnvironment current;

    private ProcessSupervisor supervisor;
    private volatile LocalPostgres postgres;
    private LocalKeycloak keycloak;
    private LocalHsm hsm;
    private Devnet devnet;
    private Path postgresData;
    private int postgresPort;
    private int offset;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String work = System.getProperty("synod.it.work");
        if (work == null) {
            return; // not the failsafe JVM
        }
        try {
            Path dir = Path.of(work);
            Trees.delete(dir.resolve("postgres"));
            Files.createDirectories(dir);
            supervisor = new ProcessSupervisor(dir.resolve("pids"));
            postgresData = dir.resolve("postgres");
            postgresPort = Ports.free();
            postgres = LocalPostgres.start(postgresData, postgresPort);
            String dbUrl = postgres.ensureDatabase("synod");
            keycloak = LocalKeycloak.start(supervisor, Path.of(System.getProperty("synod.keycloak.home")), Ports.free(), true,
                    dir.resolve("keycloak.log"));
            // The path is fixed by failsafe's SOFTHSM2_CONF, which WildFly inherits.
            Trees.delete(dir.resolve("softhsm"));
            hsm = LocalHsm.prepare(dir.resolve("softhsm"), "synod-it");
            if (!hsm.conf().toString().equals(System.getenv("SOFTHSM2_CONF"))) {
                throw new IllegalStateException("SOFTHSM2_CONF must be " + hsm.conf() + " (see ear/pom.xml)");
            }
            devnet = Devnet.start(dir.resolve("devnet"));
            offset = Ports.freeWildFlyOffset(300);
            System.setProperty("synod.it.jvm-args", LocalWildFly.JVM_FLAGS
                    + " -Djboss.socket.binding.port-offset=" + offset
                    + " -Dsynod.db.url=" + dbUrl
                    + " -Dsynod.db.user=" + LocalPostgres.USER
                    + " -Dsynod.oidc.provider-url=" + keycloak.issuer()
                    + " -Dsynod.node.name=it-node"
                    + " -Dsynod.bitcoin.rpc-url=" + devnet.bitcoinRpcUrl()
                    + " -Dsynod.bitcoin.rpc-user=" + devnet.bitcoinRpcUser()
                    + " -Dsynod.bitcoin.rpc-password=" + devnet.bitcoinRpcPassword()
                    + " -Dsynod.evm.rpc-url=" + devnet.evmRpcUrl()
                    + hsm.systemProperties().entrySet().stream().map(e -> " -D" + e.getKey() + "=" + e.getValue())
                    .collect(java.util.stream.Collectors.joining()));
            System.setProperty("synod.it.management-port", Integer.toString(9990 + offset));
            current = this;
        } catch (Exception e) {
            launcherSessionClosed(session);
            throw new IllegalStateException("integration-test environment did not start: " + e.getMessage(), e);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        if (supervisor != null) {
            supervisor.close();
        }
        if (devnet != null) {
            devnet.close();
            devnet = null;
        }
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
        current = null;
    }

    static ItEnvironment get() {
        if (current == null) {
            throw new IllegalStateException("ItEnvironment did not start (is the test running under failsafe?)");
        }
        return current;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + (8080 + offset) + "/synod";
    }

    LocalKeycloak keycloak() {
        return keycloak;
    }

    /** The shared chains (GroupGenesisIT starts its own nodes against them). */
    Devnet devnet() {
        return devnet;
    }

    /** The shared PostgreSQL server; each extra node gets its own database in it. */
    LocalPostgres postgres() {
        return postgres;
    }

    String jdbcUrl() {
        return postgres.jdbcUrl("synod");
    }

    /** Stops the database (as an outage would) and returns a handle that brings it back. */
    synchronized AutoCloseable databaseOutage() {
        postgres.close();
        postgres = null;
        return () -> postgres = LocalPostgres.start(postgresData, postgresPort);
    }
}
