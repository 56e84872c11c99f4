package io.synod.chain.devnet;

import io.synod.chain.bitcoin.BitcoinNetwork;
import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BitcoinRpcException;
import io.synod.chain.bitcoin.BlockHash;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.Broadcaster;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.Utxo;
import org.bitcoinj.script.Script;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;

/**
 * A local bcoin (regtest) and anvil pair. {@code Devnet.start(workDir)} returns once both answer and bcoin's tip is
 * at {@link #MATURE_HEIGHT}, where its blocks enforce segwit (432), strict DER (1251) and CLTV (1351) like its
 * mempool does. {@link #close()} stops both by PID; a JVM shutdown hook does the same if the caller forgets.
 */
public final class Devnet implements AutoCloseable {

    public static final int MATURE_HEIGHT = 1400;
    public static final long EVM_CHAIN_ID = 31337;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final ManagedProcess bcoin;
    private final ManagedProcess anvil;
    private final URI bitcoinRpcUrl;
    private final String bitcoinApiKey;
    private final URI evmRpcUrl;
    private final BitcoinRpcClient bitcoinRpc;
    private final Thread shutdownHook;
    private final String burnAddress;
    private final Broadcaster broadcaster;
    private final BitcoinFaucet faucet;

    private Devnet(Path workDir, ManagedProcess bcoin, ManagedProcess anvil, URI bitcoinRpcUrl, String apiKey,
            URI evmRpcUrl) {
        this.workDir = workDir;
        this.bcoin = bcoin;
        this.anvil = anvil;
        this.bitcoinRpcUrl = bitcoinRpcUrl;
        this.bitcoinApiKey = apiKey;
        this.evmRpcUrl = evmRpcUrl;
        this.bitcoinRpc = new BitcoinRpcClient(bitcoinRpcUrl, "synod", apiKey, Duration.ofSeconds(60));
        this.shutdownHook = new Thread(this::stopNodes, "devnet-shutdown");
        // Blocks mined only to move the chain on pay a fresh key nobody keeps.
        this.burnAddress = BitcoinNetwork.BCOIN_REGTEST.address(ScriptBuilder.createP2WPKHOutputScript(new ECKey()));
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        this.broadcaster = Broadcaster.forBcoin(bitcoinRpc, apiKey, java.util.Optional.of(bcoin.log()),
                Duration.ofSeconds(5));
        this.faucet = new BitcoinFaucet(bitcoinRpc, broadcaster);
    }

    private static Devnet shared;

    /**
     * One devnet per JVM, started on first use and stopped by the shutdown hook: test classes of any module share it
     * to keep runs short. Its directory is {@code -Dsynod.devnet.workDir}, else a fresh temporary directory.
     */
    public static synchronized Devnet shared() {
        if (shared == null) {
            String dir = System.getProperty("synod.devnet.workDir");
            try {
                shared = start(dir != null ? Path.of(dir) : Files.createTempDirectory("synod-devnet"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return shared;
    }

    /** Starts both nodes with the npm packages found by {@link NodeModules#locate()}. */
    public static Devnet start(Path workDir) {
        return start(workDir, NodeModules.locate());
    }

    public static Devnet start(Path workDir, NodeModules modules) {
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ManagedProcess.killLeftover("bcoin", workDir.resolve("bcoin.pid"));
        ManagedProcess.killLeftover("anvil", workDir.resolve("anvil.pid"));
        deleteAnvilStates(workDir);
        int bitcoinHttp = freePort();
        int bitcoinP2p = freePort();
        int evmPort = freePort();
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        String apiKey = HexFormat.of().formatHex(key);
        String node = System.getProperty("synod.devnet.node", "node");
        Path bcoinPrefix = workDir.resolve("bcoin-data");
        ManagedProcess bcoin = ManagedProcess.start("bcoin", List.of(node, modules.bcoinNode().toString(),
                "--network=regtest", "--memory=true", "--prefix=" + bcoinPrefix,
                "--http-host=127.0.0.1", "--http-port=" + bitcoinHttp,
                "--listen=true", "--host=127.0.0.1", "--port=" + bitcoinP2p,
                // never dial the regtest seed (127.0.0.1:48444): another devnet there would merge chains with ours
                "--only=127.0.0.1:" + bitcoinP2p,
                "--index-tx=true", "--index-address=true", "--no-wallet=true", "--log-level=info",
                // payouts signal BIP 125; without this bcoin 1.0.2 refuses any signalling transaction
                "--replace-by-fee=true",
                // no worker child processes: one PID to stop, and no "Job was destroyed" when a worker is starved
                "--workers=false"),
                // bcoin's pure-JS backends: no native addon to compile (the build installs with --ignore-scripts).
                // The API key goes through the environment, not the command line that every local user can list.
                Map.of("NODE_BACKEND", "js", "BCOIN_API_KEY", apiKey), workDir);
        ManagedProcess anvil;
        try {
            anvil = ManagedProcess.start("anvil", List.of(modules.anvil().toString(), "--host", "127.0.0.1",
                    "--port", Integer.toString(evmPort), "--chain-id", Long.toString(EVM_CHAIN_ID),
                    // anvil writes old block states to disk, by default under ~/.foundry/anvil/tmp, where a killed
                    // anvil leaves them for good (73 GB filled a disk once): keep them in this devnet's directory
                    "--cache-path", anvilStates(workDir).toString()), Map.of(), workDir);
        } catch (RuntimeException e) {
            bcoin.close();
            throw e;
        }
        Devnet devnet = new Devnet(workDir, bcoin, anvil, URI.create("http://127.0.0.1:" + bitcoinHttp + "/"), apiKey,
                URI.create("http://127.0.0.1:" + evmPort));
        try {
            devnet.awaitBitcoin();
            devnet.awaitEvm();
            BlockHeight height = devnet.bitcoinRpc.getBlockCount();
            if (height.value() != 0) {
                throw new DevnetException("bcoin did not start from an empty chain", null);
            }
            devnet.bitcoinRpc.generateToAddress(BitcoinFaucet.COINBASES,
                    devnet.bitcoinNetwork().address(devnet.faucet.script()));
            devnet.bitcoinRpc.generateToAddress(MATURE_HEIGHT - BitcoinFaucet.COINBASES, devnet.burnAddress);
            return devnet;
        } catch (RuntimeException e) {
            devnet.close();
            throw e;
        }
    }

    public URI bitcoinRpcUrl() {
        return bitcoinRpcUrl;
    }

    /** bcoin ignores the user name of basic auth; the password is this API key. */
    public String bitcoinRpcUser() {
        return "synod";
    }

    public String bitcoinRpcPassword() {
        return bitcoinApiKey;
    }

    public BitcoinNetwork bitcoinNetwork() {
        return BitcoinNetwork.BCOIN_REGTEST;
    }

    /** A client for bcoin's JSON-RPC (one per devnet; thread-safe). */
    public BitcoinRpcClient bitcoinRpc() {
        return bitcoinRpc;
    }

    public URI evmRpcUrl() {
        return evmRpcUrl;
    }

    public long evmChainId() {
        return EVM_CHAIN_ID;
    }

    public Path workDir() {
        return workDir;
    }

    public Path bitcoinLog() {
        return bcoin.log();
    }

    public long bitcoinPid() {
        return bcoin.pid();
    }

    public long evmPid() {
        return anvil.pid();
    }

    /** A broadcaster for this bcoin that reads refusal reasons from its log. */
    public Broadcaster bitcoinBroadcaster() {
        return broadcaster;
    }

    /**
     * Pays {@code amount} to {@code script} {@code count} times in one transaction and mines it: spendable coins at
     * once (the early 50 BTC coinbases are kept for this; later regtest coinbases are worth little).
     */
    public List<Utxo> fundBitcoin(Script script, Satoshis amount, int count) {
        List<Utxo> coins = faucet.pay(script, amount, count);
        mineBitcoin(1);
        return coins;
    }

    /** Mines {@code blocks} blocks paying their coinbase to {@code address}. */
    public List<BlockHash> mineBitcoin(int blocks, String address) {
        return bitcoinRpc.generateToAddress(blocks, address);
    }

    /** Mines {@code blocks} blocks whose coinbase nobody can spend. */
    public List<BlockHash> mineBitcoin(int blocks) {
        return bitcoinRpc.generateToAddress(blocks, burnAddress);
    }

    /** Gives {@code address} a balance on anvil (a devnet-only cheat, no key from anvil's mnemonic is used). */
    public void fundEvm(String address, BigInteger wei) {
        evmCall("anvil_setBalance", "[\"" + address + "\",\"0x" + wei.toString(16) + "\"]");
    }

    /** Sends a raw JSON-RPC request to anvil, returning the response body (for devnet-only methods). */
    public String evmCall(String method, String paramsJson) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + paramsJson + "}";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(evmRpcUrl)
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || r.body().contains("\"error\"")) {
                throw new DevnetException(method + " failed: " + r.body(), null);
            }
            return r.body();
        } catch (IOException e) {
            throw new DevnetException(method + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevnetException("interrupted", e);
        }
    }

    @Override
    public void close() {
        stopNodes();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // already running the hook
        }
    }

    private void stopNodes() {
        anvil.close();
        bcoin.close();
        try {
            deleteAnvilStates(workDir);
        } catch (UncheckedIOException e) {
            // a stop must not fail on a leftover directory: the next start in this directory deletes it again
            System.getLogger(Devnet.class.getName()).log(System.Logger.Level.WARNING, e.getMessage(), e);
        }
    }

    private static Path anvilStates(Path workDir) {
        return workDir.resolve("anvil-states");
    }

    /** Anvil's persisted block states: only the running anvil reads them, and a stopped one never again. */
    private static void deleteAnvilStates(Path workDir) {
        Path states = anvilStates(workDir);
        if (!Files.exists(states)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(states)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete anvil's old states in " + states, e);
        }
    }

    private void awaitBitcoin() {
        await(bcoin, () -> {
            try {
                bitcoinRpc.getBlockCount();
                return true;
            } catch (BitcoinRpcException notYet) {
                return false;
            }
        });
    }

    private void awaitEvm() {
        await(anvil, () -> {
            try {
                return evmCall("eth_chainId", "[]").contains("0x" + Long.toHexString(EVM_CHAIN_ID));
            } catch (DevnetException notYet) {
                return false;
            }
        });
    }

    private static void await(ManagedProcess process, java.util.function.BooleanSupplier ready) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new DevnetException(process.name() + " exited; see " + process.log(), null);
            }
            if (ready.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DevnetException("interrupted", e);
            }
        }
        throw new DevnetException(process.name() + " did not answer within " + READY_TIMEOUT + "; see "
                + process.log(), null);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new DevnetException("no free port", e);
        }
    }

    /** Starts a devnet in {@code args[0]} (default {@code target/devnet}), prints its endpoints, runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        Devnet devnet = Devnet.start(Path.of(args.length > 0 ? args[0] : "target/devnet"));
        System.out.println("bitcoin rpc " + devnet.bitcoinRpcUrl() + " (password " + devnet.bitcoinRpcPassword()
                + "), evm rpc " + devnet.evmRpcUrl() + " chain id " + devnet.evmChainId());
        Thread.currentThread().join();
    }
}
