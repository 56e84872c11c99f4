package io.synod.cli.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.time.Duration;

import io.synod.chain.devnet.Devnet;
import io.synod.cli.local.Distribution;
import io.synod.cli.local.GroupApi;
import io.synod.cli.local.LocalGroup;
import io.synod.cli.local.LocalHsm;
import io.synod.cli.local.LocalKeycloak;
import io.synod.cli.local.LocalPostgres;
import io.synod.cli.local.LocalWildFly;
import io.synod.cli.local.Ports;
import io.synod.cli.local.ProcessSupervisor;
import io.synod.cli.local.Progress;
import io.synod.cli.test.MavenBuild;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start a local Synod group on embedded defaults (both chains, PostgreSQL, Keycloak, one WildFly node "
                + "per member, each with its own database and SoftHSM token), run genesis and stay in the foreground; "
                + "Ctrl-C stops everything.")
public class RunCommand implements Callable<Integer> {

    @Option(names = "--home", description = "Synod checkout (default: current directory)")
    Path home = Path.of("").toAbsolutePath();

    @Option(names = "--data", description = "Data directory kept across runs (default: <home>/.synod)")
    Path data;

    @Option(names = "--port-offset", description = "WildFly port offset of the first node; HTTP is 8080 + offset, node i adds "
            + "100 * (i - 1) (default: ${DEFAULT-VALUE})")
    int portOffset = 0;

    @Option(names = "--members", description = "Members of the local group: 1 runs a single node without a group, "
            + "4 or more form a group by genesis (default: ${DEFAULT-VALUE})")
    int members = 4;

    @Option(names = "--keycloak-port", description = "Keycloak HTTP port (default: ${DEFAULT-VALUE})")
    int keycloakPort = 8180;

    @Option(names = "--postgres-port", description = "Embedded PostgreSQL port (default: ${DEFAULT-VALUE})")
    int postgresPort = 15432;

    @Override
    public Integer call() throws Exception {
        Path dataDir = data != null ? data : home.resolve(".synod");
        Progress progress = new Progress(System.out);
        Distribution dist = new Distribution(home);
        if (!dist.complete()) {
            progress.step("First run: building Synod (EAR, WildFly, Keycloak) with Maven; this takes a few minutes");
            int rc = MavenBuild.run(home, List.of("-B", "-DskipTests", "package"));
            if (rc != 0 || !dist.complete()) {
                System.err.println("The build failed (exit " + rc + "); fix it and run ./synod run again.");
                return 1;
            }
        }
        if (members != 1 && members < 4) {
            System.err.println("--members must be 1 (a single node) or at least 4 (a group: n >= 2t+1 with t >= 1).");
            return 2;
        }
        List<Integer> ports = new java.util.ArrayList<>(List.of(keycloakPort, postgresPort));
        for (int i = 0; i < members; i++) {
            ports.add(8080 + portOffset + 100 * i);
            ports.add(9990 + portOffset + 100 * i);
        }
        for (int port : ports) {
            if (!Ports.isFree(port)) {
                System.err.println("Port " + port + " on 127.0.0.1 is in use: stop what uses it or choose another with "
                        + "--port-offset, --keycloak-port or --postgres-port.");
                return 2;
            }
        }
        Files.createDirectories(dataDir);
        ProcessSupervisor supervisor = new ProcessSupervisor(dataDir.resolve("pids"));
        CountDownLatch stopped = new CountDownLatch(1);
        LocalPostgres[] postgres = new LocalPostgres[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping Synod ...");
            supervisor.close();
            if (postgres[0] != null) {
                postgres[0].close();
            }
            System.out.println("Stopped; data kept in " + dataDir);
            stopped.countDown();
        }, "synod-shutdown"));

        progress.step("Starting the local chains: bcoin (Bitcoin regtest) and anvil (EVM), mining past segwit and CLTV heights");
        Devnet devnet = Devnet.start(dataDir.resolve("devnet"));
        supervisor.onClose(devnet::close);

        progress.step("Starting PostgreSQL (data in " + dataDir.resolve("postgres") + ")");
        postgres[0] = LocalPostgres.start(dataDir.resolve("postgres"), postgresPort);
        String dbUrl = members == 1 ? postgres[0].ensureDatabase("synod") : null;

        progress.step("Starting Keycloak on port " + keycloakPort + " (the first start builds Keycloak: about a minute)");
        LocalKeycloak keycloak = LocalKeycloak.start(supervisor, dist.keycloakHome(), keycloakPort, false, dataDir.resolve("logs/keycloak.log"));

        if (members > 1) {
            runGroup(progress, dist, dataDir, supervisor, devnet, postgres[0], keycloak);
            stopped.await();
            return 0;
        }
        Map<String, String> props = new HashMap<>(Map.of("synod.db.url", dbUrl, "synod.db.user", LocalPostgres.USER,
                "synod.oidc.provider-url", keycloak.issuer(), "synod.node.name", "node-1",
                "synod.bitcoin.rpc-url", devnet.bitcoinRpcUrl().toString(), "synod.bitcoin.rpc-user", devnet.bitcoinRpcUser(),
                "synod.evm.rpc-url", devnet.evmRpcUrl().toString()));
        Map<String, String> env = new HashMap<>(Map.of("SYNOD_BITCOIN_RPC_PASSWORD", devnet.bitcoinRpcPassword()));
        if (LocalHsm.library().isPresent()) {
            progress.step("Preparing the node's SoftHSM2 token and member keys (" + dataDir.resolve("node-1/softhsm") + ")");
            LocalHsm hsm = LocalHsm.prepare(dataDir.resolve("node-1/softhsm"), "synod-node-1");
            props.putAll(hsm.systemProperties());
            env.putAll(hsm.environment());
        } else {
            progress.step("WARNING: SoftHSM2 is not installed (apt-get install -y softhsm2 opensc): the node will report "
                    + "its HSM as not ready");
        }

        progress.step("Starting the Synod node in WildFly");
        LocalWildFly node = LocalWildFly.start(supervisor, "node-1", dist.wildflyHome(), dataDir.resolve("node-1"), portOffset,
                props, env, dist.ear(), dataDir.resolve("logs/node-1.log"));

        progress.step("Synod is running");
        System.out.println();
        System.out.println("  Portal      " + node.baseUrl() + "/");
        System.out.println("  REST API    " + node.baseUrl() + "/api/v1/status");
        System.out.println("  Health      " + node.baseUrl() + "/api/health/ready");
        System.out.println("  Keycloak    http://127.0.0.1:" + keycloak.port() + "/admin/  (admin / admin)");
        System.out.println("  Bitcoin     " + devnet.bitcoinRpcUrl() + "  (bcoin regtest JSON-RPC, in memory; addresses start with rb1)");
        System.out.println("  Sidechain   " + devnet.evmRpcUrl() + "  (anvil, chain id " + devnet.evmChainId() + ")");
        System.out.println();
        System.out.println("  Demo users (password synod-demo): desk-admin (custody-admin), ops (operator),");
        System.out.println("                                     approver (approver), auditor (auditor)");
        System.out.println("  Token for the API:");
        System.out.println("    TOKEN=$(curl -s -d grant_type=password -d client_id=synod-cli -d username=desk-admin \\");
        System.out.println("      -d password=synod-demo " + keycloak.tokenEndpoint() + " | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        System.out.println("    curl -H \"Authorization: Bearer $TOKEN\" -H 'Accept: application/json' " + node.baseUrl() + "/api/v1/status");
        System.out.println();
        System.out.println("  Logs in " + dataDir.resolve("logs") + ". Press Ctrl-C to stop.");
        stopped.await();
        return 0;
    }

    private void runGroup(Progress progress, Distribution dist, Path dataDir, ProcessSupervisor supervisor, Devnet devnet,
            LocalPostgres postgres, LocalKeycloak keycloak) {
        progress.step("Preparing " + members + " members: one SoftHSM2 token (key ceremony) and one database each");
        LocalGroup group = LocalGroup.start(supervisor, devnet, postgres, keycloak,
                new LocalGroup.Settings(dataDir, dist, members, portOffset), progress::step);
        progress.step("Founding the group: funding each node's board account, deploying the ceremony board, writing "
                + dataDir.resolve("group/founding-set.properties"));
        long start = System.nanoTime();
        group.found(Duration.ofMinutes(2));
        progress.step("Genesis: key generation over the sidechain message board");
        Map<Integer, GroupApi.View> views = group.awaitReady(Duration.ofMinutes(10), line -> System.out.println("    " + line));
        GroupApi.View first = views.values().iterator().next();
        progress.step(String.format("The group key exists (genesis took %.1f s)", (System.nanoTime() - start) / 1e9));
        progress.step("Recording epoch 1: a founder deploys the group's contracts, the group signs the binding");
        Map<Integer, GroupApi.View> signing = group.awaitSigning(Duration.ofMinutes(10),
                line -> System.out.println("    " + line));
        GroupApi.Signing s = signing.values().iterator().next().signing();
        progress.step("The founders pay their stake to the group address (from the regtest wallet); the group "
                + "verifies each payment on Bitcoin and records them as epoch 2");
        group.payFounderStakes(first.groupPublicKey());
        group.awaitRegistryEpoch(2, Duration.ofMinutes(10), line -> System.out.println("    " + line));
        progress.step(String.format("The group is ready and signs (%.1f s from founding)",
                (System.nanoTime() - start) / 1e9));
        io.synod.cli.demo.DemoFile.prepare(devnet, keycloak.tokenEndpoint(), group, first.groupPublicKey(), dataDir);
        System.out.println();
        System.out.println("  Group registry  " + s.registry() + "  (epoch 1 = the group key; message board "
                + s.board() + ")");
        System.out.println("  Group address   " + first.bitcoinAddress() + "  (Bitcoin regtest, P2WPKH of the group key)");
        System.out.println("  Group key       " + first.groupPublicKey());
        for (LocalGroup.Node n : group.nodes()) {
            System.out.println("  " + n.name() + " portal  " + n.baseUrl() + "/   (group status: " + n.baseUrl() + "/api/v1/group)");
        }
        System.out.println("  Keycloak        http://127.0.0.1:" + keycloak.port() + "/admin/  (admin / admin)");
        System.out.println("  Bitcoin         " + devnet.bitcoinRpcUrl() + "  (bcoin regtest JSON-RPC, in memory)");
        System.out.println("  Sidechain       " + devnet.evmRpcUrl() + "  (anvil, chain id " + devnet.evmChainId() + ")");
        System.out.println();
        System.out.println("  Demo users (password synod-demo): desk-admin (custody-admin), ops (operator),");
        System.out.println("                                     approver (approver), auditor (auditor)");
        System.out.println("  Peg demo        ./synod demo   (in another terminal: a peg-in and a peg-out, timed)");
        System.out.println("  Logs in " + dataDir.resolve("logs") + ". Press Ctrl-C to stop.");
    }
}
