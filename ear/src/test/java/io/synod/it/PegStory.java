package io.synod.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.bitcoinj.script.Script;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.devnet.Devnet;
import io.synod.cli.demo.PegUser;
import io.synod.cli.local.GroupApi;
import io.synod.cli.local.LocalGroup;
import io.synod.cli.local.LocalPostgres;
import io.synod.peg.application.pegin.MintCoordinator;

/**
 * The peg running inside the group's servers, told on the group {@link GroupGenesisIT} formed (no second group
 * start-up): a user's deposit, revealed and paid as a user does it, is minted exactly once for exactly its amount; a
 * member SIGKILLed while it handles a deposit and restarted leaves exactly one mint; a third deposit completes a
 * sweep batch; a burn on the sidechain is paid on Bitcoin and its status, followed through the REST view, reaches
 * confirmed; and every member's books agree with each other and with both chains (no invariant alert anywhere).
 */
final class PegStory {
    private static final long REFUND_AHEAD = 1_000;
    private static final int CONFIRMATIONS = 6;

    private final ItEnvironment env;
    private final LocalGroup group;
    private final GroupApi api;
    private final Devnet devnet;
    private final PegUser user;
    private final String token;

    private PegStory(ItEnvironment env, LocalGroup group, String groupKey) {
        this.env = env;
        this.group = group;
        this.api = group.api();
        this.devnet = env.devnet();
        JsonNode contracts = api.read(group.node(1).baseUrl(), "/api/v1/group").orElseThrow()
                .path("signing").path("contracts");
        this.token = contracts.path("token").asText();
        this.user = user(env, groupKey, contracts);
    }

    /** A peg user on the IT's devnet: pays from the regtest faucet, gets gas from anvil. */
    static PegUser user(ItEnvironment env, String groupKey, JsonNode contracts) {
        Devnet devnet = env.devnet();
        return new PegUser(new PegUser.Bitcoin() {
            @Override
            public Outpoint pay(Script script, long sats) {
                return devnet.fundBitcoin(script, Satoshis.of(sats), 1).get(0).outpoint();
            }

            @Override
            public void mine(int blocks) {
                devnet.mineBitcoin(blocks);
            }

            @Override
            public long height() {
                return devnet.bitcoinRpc().getBlockCount().value();
            }
        }, devnet.bitcoinNetwork(), devnet.evmRpcUrl(), devnet.evmChainId(),
                a -> devnet.fundEvm(a, java.math.BigInteger.TEN.pow(20)), groupKey,
                contracts.path("token").asText(), contracts.path("redemption").asText());
    }

    /**
     * Tells the story; {@code down} is a member the caller left stopped (it is started again first, in the
     * background while the first peg-in runs with the others).
     */
    static void tell(ItEnvironment env, LocalGroup group, String groupKey, int down) throws Exception {
        CompletableFuture<Void> restarted = CompletableFuture.runAsync(() -> group.restart(down));
        new PegStory(env, group, groupKey).run(restarted);
    }

    private void run(CompletableFuture<Void> restarted) throws Exception {
        for (LocalGroup.Node n : group.nodes()) {
            if (n.jvm().filter(ProcessHandle::isAlive).isPresent()) {
                awaitValue("the peg runtime on node-" + n.index(), Duration.ofMinutes(2),
                        () -> api.read(n.baseUrl(), "/api/v1/peg/guard"));
            }
        }

        // 1. A peg-in, as a user does it: reveal the terms on the sidechain, pay the script, wait for the mint.
        PegUser.Deposit first = user.reveal(5_000_000, REFUND_AHEAD);
        Thread.sleep(2_000); // the reveal is read before the payment's block is scanned
        Outpoint firstOut = user.pay(first);
        user.bitcoin().mine(CONFIRMATIONS - 1);
        long confirmedAt = System.nanoTime();
        awaitBalance(first, Duration.ofMinutes(2));
        System.out.printf("peg-in: %d sat minted to %s %.1f s after the deposit's last confirmation%n", first.sats(),
                first.recipient().address(), (System.nanoTime() - confirmedAt) / 1e9);
        assertThat(mintEvents(firstOut)).as("one Minted event for %s", firstOut).isEqualTo(1);

        // 2. The member that submits first for a deposit is SIGKILLed while it handles it, then started again.
        restarted.join();
        awaitValue("the peg runtime on the restarted member", Duration.ofMinutes(2),
                () -> api.read(group.node(4).baseUrl(), "/api/v1/peg/guard"));
        PegUser.Deposit second = user.reveal(3_000_000, REFUND_AHEAD);
        Thread.sleep(2_000);
        Outpoint secondOut = user.pay(second);
        int victim = MintCoordinator.submitterOrder(secondOut, List.of(1, 2, 3, 4)).get(0);
        user.bitcoin().mine(CONFIRMATIONS - 1);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String seen = "";
        while (System.nanoTime() < deadline) {
            seen = depositState(victim, second.sats()).orElse("");
            if (!seen.isEmpty() && !seen.equals("CONFIRMED")) {
                break;
            }
            Thread.sleep(20);
        }
        group.kill(victim);
        System.out.println("killed node-" + victim + " (first submitter of " + secondOut + ") with its deposit at "
                + seen);
        long killedAt = System.nanoTime();
        group.restart(victim);
        awaitBalance(second, Duration.ofMinutes(3));
        System.out.printf("peg-in with the first submitter killed: minted %.1f s after the kill%n",
                (System.nanoTime() - killedAt) / 1e9);
        awaitValue("node-" + victim + " to record the mint", Duration.ofMinutes(2),
                () -> depositState(victim, second.sats()).filter(s -> s.equals("MINTED") || s.equals("SWEPT")));
        assertThat(mintEvents(secondOut)).as("exactly one mint after the kill and restart").isEqualTo(1);

        // 3. A third deposit fills the sweep batch; 4. a burn is paid on Bitcoin, followed through the REST view.
        PegUser.Deposit third = user.reveal(2_000_000, REFUND_AHEAD);
        Thread.sleep(2_000);
        user.pay(third);
        user.bitcoin().mine(CONFIRMATIONS - 1);
        awaitBalance(third, Duration.ofMinutes(2));
        Script payTo = PegUser.newBitcoinScript();
        long redeemed = 1_000_000;
        long sequence = user.redeem(first.recipient(), redeemed, payTo);
        long burnedAt = System.nanoTime();
        List<String> statuses = new ArrayList<>();
        JsonNode view = null;
        deadline = System.nanoTime() + Duration.ofMinutes(4).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<JsonNode> v = api.read(group.node(1).baseUrl(), "/api/v1/peg/redemptions/" + sequence);
            if (v.isPresent()) {
                String s = v.get().path("status").asText().toUpperCase(java.util.Locale.ROOT);
                if (statuses.isEmpty() || !statuses.get(statuses.size() - 1).equals(s)) {
                    statuses.add(s);
                    System.out.printf("redemption %d: %s after %.1f s%n", sequence, s, (System.nanoTime() - burnedAt) / 1e9);
                }
                if (s.equals("CONFIRMED") || s.equals("COMPLETED")) {
                    view = v.get();
                    if (s.equals("COMPLETED")) {
                        break;
                    }
                }
            }
            user.bitcoin().mine(1); // sweeps and payouts confirm as blocks come
            Thread.sleep(1_500);
        }
        assertThat(view).as("redemption %d confirmed; statuses seen %s", sequence, statuses).isNotNull();
        // CONFIRMED can last less than one poll before COMPLETED (completion is recorded only after confirmation);
        // the payout's confirmations on bcoin, checked below, are the evidence. What was seen must follow the order.
        List<String> lifeCycle = List.of("REQUESTED", "QUEUED", "QUEUED_BY_LIMIT", "BATCHED", "SIGNED", "BROADCAST",
                "CONFIRMED", "COMPLETED");
        assertThat(statuses).as("statuses seen").allMatch(lifeCycle::contains)
                .isSortedAccordingTo(java.util.Comparator.comparingInt(lifeCycle::indexOf)).contains("BROADCAST");
        String payout = view.path("payoutTxid").asText();
        JsonNode tx = devnet.bitcoinRpc().getRawTransactionVerbose(new io.synod.chain.bitcoin.Txid(payout)).orElseThrow();
        assertThat(tx.path("confirmations").asInt()).isGreaterThanOrEqualTo(CONFIRMATIONS);
        long paid = 0;
        for (JsonNode out : tx.path("vout")) {
            if (out.path("scriptPubKey").path("hex").asText().equals(java.util.HexFormat.of().formatHex(payTo.program()))) {
                paid += out.path("value").decimalValue().movePointRight(8).longValueExact();
            }
        }
        assertThat(paid).as("the payout pays the redeemer what it burned less its fee share")
                .isGreaterThan(redeemed - 20_000).isLessThanOrEqualTo(redeemed);
        assertThat(user.balance(first.recipient().address())).isEqualTo(first.sats() - redeemed);

        // 5. Every member's books: the same balances at every member, and no invariant alert anywhere.
        user.bitcoin().mine(1);
        Thread.sleep(5_000);
        Map<Integer, Map<String, Long>> books = new TreeMap<>();
        for (LocalGroup.Node n : group.nodes()) {
            awaitValue("node-" + n.index() + " to follow the payout", Duration.ofMinutes(2), () -> api.read(n.baseUrl(),
                    "/api/v1/peg/redemptions/" + sequence).map(j -> j.path("status").asText().toUpperCase(java.util.Locale.ROOT))
                    .filter(s -> s.equals("CONFIRMED") || s.equals("COMPLETED")));
            books.put(n.index(), balances(n.index()));
        }
        // A member books an event when its own nodes show it: the one restarted mid-signing may be a block or two behind.
        Books.assertSettled("after the peg-out", env, group, group.nodes(), Duration.ofMinutes(1));
        System.out.println("books at every member: " + books.get(1));
        assertThat(books.get(1).get("WRAPPED_SUPPLY:CREDIT")).isEqualTo(first.sats() + second.sats() + third.sats());
    }

    private void awaitBalance(PegUser.Deposit d, Duration timeout) throws InterruptedException {
        awaitValue("the mint of " + d.sats() + " sat to " + d.recipient().address(), timeout,
                () -> Optional.of(user.balance(d.recipient().address())).filter(b -> b == d.sats()));
    }

    private int mintEvents(Outpoint o) throws Exception {
        org.web3j.protocol.core.methods.request.EthFilter f = new org.web3j.protocol.core.methods.request.EthFilter(
                org.web3j.protocol.core.DefaultBlockParameterName.EARLIEST,
                org.web3j.protocol.core.DefaultBlockParameterName.LATEST, token);
        f.addSingleTopic(org.web3j.abi.EventEncoder.encode(io.synod.chain.evm.contracts.WrappedBTC.MINTED_EVENT));
        f.addSingleTopic("0x" + o.txid().hex());
        try (var c = user.newAccount()) {
            return (int) c.web3j().ethGetLogs(f).send().getLogs().stream()
                    .map(r -> io.synod.chain.evm.contracts.WrappedBTC.getMintedEventFromLog(
                            (org.web3j.protocol.core.methods.response.Log) r.get()))
                    .filter(e -> e.vout.intValueExact() == o.vout()).count();
        }
    }

    private Optional<String> depositState(int node, long sats) {
        return query(node, "SELECT state FROM pegin_deposit WHERE amount_sats = ?", sats);
    }

    private Optional<String> query(int node, String sql, long arg) {
        try (Connection c = DriverManager.getConnection(env.postgres().jdbcUrl("synod_node_" + node),
                LocalPostgres.USER, "");
             PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, arg);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (java.sql.SQLException e) {
            return Optional.empty();
        }
    }

    private Map<String, Long> balances(int node) throws Exception {
        return balances(env, node);
    }

    /** The member's ledger, summed per account and direction (read from its own database). */
    static Map<String, Long> balances(ItEnvironment env, int node) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(env.postgres().jdbcUrl("synod_node_" + node),
                LocalPostgres.USER, "");
             PreparedStatement s = c.prepareStatement("SELECT account, direction, sum(amount_sats) FROM ledger_posting "
                     + "GROUP BY account, direction");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1) + ":" + rs.getString(2), rs.getLong(3));
            }
        }
        return out;
    }

    static <T> T awaitValue(String what, Duration timeout, Supplier<Optional<T>> probe)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
