package io.synod.cli.demo;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.bitcoinj.script.Script;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.bitcoin.BitcoinNetwork;
import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.Broadcaster;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.cli.local.GroupApi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./synod demo}: a peg-in and a peg-out against the group a running {@code ./synod run} started, done as a
 * user does them and followed through the servers' REST views, each step printed with its time.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Against a running ./synod run group: a peg-in (reveal, pay, confirmations, mint) and a peg-out "
                + "(burn, payout on Bitcoin), each step printed with its timing.")
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--home", description = "Synod checkout (default: current directory)")
    Path home = Path.of("").toAbsolutePath();

    @Option(names = "--data", description = "Data directory of the running ./synod run (default: <home>/.synod)")
    Path data;

    @Option(names = "--deposit-sats", description = "Deposit (default: ${DEFAULT-VALUE})")
    long depositSats = 5_000_000;

    @Option(names = "--redeem-sats", description = "Redemption, out of the minted coins (default: ${DEFAULT-VALUE})")
    long redeemSats = 2_000_000;

    @Option(names = "--confirmations", description = "Bitcoin confirmations the nodes require (default: ${DEFAULT-VALUE}, "
            + "synod.peg.deposit-confirmations and synod.peg.payout-confirmations)")
    int confirmations = 6;

    private long t0;

    @Override
    public Integer call() throws Exception {
        DemoFile f = DemoFile.read(data != null ? data : home.resolve(".synod"));
        BitcoinRpcClient rpc = new BitcoinRpcClient(f.bitcoinRpc(), "synod", f.bitcoinApiKey(), Duration.ofSeconds(30));
        BitcoinNetwork network = BitcoinNetwork.BCOIN_REGTEST;
        DemoWallet wallet = DemoWallet.open(f, rpc, Broadcaster.forBcoin(rpc, f.bitcoinApiKey(), Optional.empty(),
                Duration.ofSeconds(10)), network);
        PegUser user = new PegUser(wallet, network, f.evmRpc(), f.evmChainId(), a -> fundEvm(f.evmRpc(), a),
                f.groupKey(), f.token(), f.redemption());
        GroupApi api = new GroupApi(f.tokenEndpoint());
        String node = f.nodes().get(0);
        t0 = System.nanoTime();

        step("peg-in: revealing fresh deposit terms on the sidechain (recipient, refund key, nonce, refund height)");
        PegUser.Deposit d = user.reveal(depositSats, 1_000);
        step("revealed; deposit address " + d.address() + " (P2WSH: the group key, or the refund key after block "
                + d.terms().refundHeight().value() + ")");
        Thread.sleep(2_000);
        Outpoint paid = user.pay(d);
        step("paid " + depositSats + " sat to it: " + paid + " (1 confirmation)");
        wallet.mine(confirmations - 1);
        long confirmed = System.nanoTime();
        step(confirmations + " confirmations; waiting for the group to sign and submit the mint");
        await(() -> user.balance(d.recipient().address()) == depositSats, Duration.ofMinutes(5), "the mint");
        step(String.format("minted: %s holds %d wrapped sat (%.1f s after the last confirmation)",
                d.recipient().address(), depositSats, (System.nanoTime() - confirmed) / 1e9));

        Script to = PegUser.newBitcoinScript();
        step("peg-out: burning " + redeemSats + " wrapped sat for " + user.address(to));
        long sequence = user.redeem(d.recipient(), redeemSats, to);
        long burned = System.nanoTime();
        step("redemption " + sequence + " requested; following " + node + "/api/v1/peg/redemptions/" + sequence
                + " (mining a Bitcoin block every 2 s)");
        String last = "";
        long deadline = System.nanoTime() + Duration.ofMinutes(6).toNanos();
        JsonNode view = null;
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> v = api.read(node, "/api/v1/peg/redemptions/" + sequence);
            String s = v.map(j -> j.path("status").asText().toUpperCase(java.util.Locale.ROOT)).orElse("NOT_SEEN_YET");
            if (!s.equals(last)) {
                step(String.format("redemption %d %s (%.1f s after the burn)%s", sequence, s,
                        (System.nanoTime() - burned) / 1e9, v.map(j -> j.path("payoutTxid").isTextual()
                                ? ", payout " + j.path("payoutTxid").asText() : "").orElse("")));
                last = s;
            }
            if (s.equals("COMPLETED")) {
                view = v.get();
                break;
            }
            wallet.mine(1);
            Thread.sleep(2_000);
        }
        if (view == null) {
            System.err.println("The redemption did not complete in time (last status " + last + "); see the nodes' logs.");
            return 1;
        }
        JsonNode alerts = api.read(node, "/api/v1/peg/alerts").orElseThrow();
        step("done: payout " + view.path("payoutTxid").asText() + " confirmed in block " + view.path("confirmedHeight")
                + "; invariant alerts at " + node + ": " + alerts.size());
        return 0;
    }

    private void step(String what) {
        System.out.printf("[%7.1f s] %s%n", (System.nanoTime() - t0) / 1e9, what);
    }

    private static void await(java.util.function.BooleanSupplier done, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    /** Gas for a demo account: anvil's devnet-only balance setter. */
    private static void fundEvm(URI evm, String address) {
        String body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"anvil_setBalance\",\"params\":[\"" + address
                + "\",\"0x" + BigInteger.TEN.pow(20).toString(16) + "\"]}";
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(evm)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || r.body().contains("\"error\"")) {
                throw new IllegalStateException("anvil_setBalance failed: " + r.body());
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
