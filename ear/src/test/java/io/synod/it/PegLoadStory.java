package io.synod.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.bitcoinj.core.Transaction;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.Script;
import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;

import com.fasterxml.jackson.databind.JsonNode;

import io.synod.chain.bitcoin.BlockHash;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Satoshis;
import io.synod.chain.bitcoin.TransactionRejectedException;
import io.synod.chain.bitcoin.TransactionSigner;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.bitcoin.deposit.Deposit;
import io.synod.chain.bitcoin.deposit.DepositRefund;
import io.synod.chain.bitcoin.deposit.UnsignedRefund;
import io.synod.chain.devnet.Devnet;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.contracts.WrappedBTC;
import io.synod.cli.demo.PegUser;
import io.synod.cli.local.GroupApi;
import io.synod.cli.local.LocalGroup;
import io.synod.cli.local.LocalPostgres;

/**
 * The peg under load and at its edges, in the servers of {@link GroupGenesisIT} right after {@link PegStory} (the
 * same group start-up), each step checked against bcoin and anvil as this test's own clients read them and against
 * the members' REST views and databases:
 * <ol>
 * <li>N deposits and N redemptions interleaved ({@code -Dsynod.it.peg-load=N}: 5 in CI, where every signature costs
 * budget; 50 measured, see README): each minted deposit's recipient burns part of it while later deposits are still
 * being paid and minted; every deposit minted once for its amount, every redemption paid on Bitcoin to its script and
 * completed, and every member's books equal, balanced and free of open alerts;
 * <li>a deposit whose block is reorganised out one confirmation short is not minted, even when the new chain is as
 * high again; the same outpoint, confirmed in the new chain, is minted once;
 * <li>a redemption that would take the rolling window over its cap waits in the visible limit queue while the window
 * holds the batch before it, and is paid once the window has moved on;
 * <li>a deposit confirmed too close to its refund time is listed as such and never minted;
 * <li>(told last of all) with the whole group stopped, that depositor takes it back through the refund branch: bcoin
 * refuses the refund one block before the timelock and takes it at it ({@link Refund});
 * <li>(told around MembershipStory) a deposit beyond the one-way-bet guard's headroom waits in the visible guard queue
 * through the membership change, and is minted once the newcomer's larger stake, replacing the leaver's in the
 * cheapest signing coalition, has raised the bound ({@link GuardWait}).
 * </ol>
 * The node settings it needs (rolling cap and window, guard ratio) are {@link #SETTINGS}, given to every server.
 */
final class PegLoadStory {
    /** Group-wide peg settings for the whole IT: generous for the other stories, tight enough for steps 3 and 6. */
    static final Map<String, String> SETTINGS = Map.of(
            "synod.peg.rolling-cap-sats", Long.toString(PegLoadStory.CAP),
            "synod.peg.max-redemption-sats", Long.toString(PegLoadStory.CAP),
            "synod.peg.rolling-cap-blocks", Integer.toString(PegLoadStory.WINDOW),
            // A tenth of the cheapest coalition's stake: step 6's deposit can exceed the headroom (deposits are at
            // most 1 BTC) and a new member's larger stake visibly raises the bound.
            "synod.peg.guard-ratio-percent", "10",
            // The stories mine Bitcoin blocks every second or faster: a payout proposal built a few seconds before a
            // member votes is still fresh, though more than the default 3 blocks old.
            "synod.peg.height-tolerance", "100",
            // One payout batch is in flight at a time (each spends the last one's change): step 1's fifty burns go
            // in two or three batches rather than the default twenty per batch.
            "synod.peg.max-batch", "60");
    private static final long CAP = 3_000_000;
    private static final int WINDOW = 6;
    private static final int CONFIRMATIONS = 6;
    /** The servers' default sweep margin ({@code synod.peg.sweep-margin-blocks}). */
    private static final int SWEEP_MARGIN = 144;
    private static final long REFUND_AHEAD = 1_000;
    private static final int LOAD = Integer.getInteger("synod.it.peg-load", 5);
    private static final long DEPOSIT = 100_000;
    private static final long BURN = 40_000;
    /** At most what a batch's fee share takes from one redeemer here (a few sat/vB on one output's share). */
    private static final long MAX_FEE_SHARE = 20_000;
    /** How far beyond the guard's headroom step 6's deposit goes (the new stake must add more than this). */
    private static final long GUARD_EXCESS = 5_000_000;
    private static final List<String> SETTLED = List.of("CONFIRMED", "COMPLETED");

    private final ItEnvironment env;
    private final LocalGroup group;
    private final GroupApi api;
    private final Devnet devnet;
    private final BitcoinRpcClient bitcoin;
    private final PegUser user;
    private final String token;
    private Refund refund;

    private PegLoadStory(ItEnvironment env, LocalGroup group, String groupKey) {
        this.env = env;
        this.group = group;
        this.api = group.api();
        this.devnet = env.devnet();
        this.bitcoin = devnet.bitcoinRpc();
        JsonNode contracts = api.read(group.node(1).baseUrl(), "/api/v1/group").orElseThrow()
                .path("signing").path("contracts");
        this.token = contracts.path("token").asText();
        this.user = PegStory.user(env, groupKey, contracts);
    }

    /** Tells steps 1 to 4 with every founder running; returns the story, whose steps 5 and 6 come later. */
    static PegLoadStory tell(ItEnvironment env, LocalGroup group, String groupKey) throws Exception {
        PegLoadStory s = new PegLoadStory(env, group, groupKey);
        long t0 = System.nanoTime();
        s.interleaved();
        System.out.printf("peg step 1 (%d deposits and %d redemptions interleaved) took %.1f s (load %s)%n", LOAD,
                LOAD, seconds(t0), load());
        t0 = System.nanoTime();
        s.reorganisedOut();
        System.out.printf("peg step 2 (deposit reorganised out, then confirmed) took %.1f s (load %s)%n", seconds(t0),
                load());
        t0 = System.nanoTime();
        s.rollingCap();
        System.out.printf("peg step 3 (redemption above the rolling cap) took %.1f s (load %s)%n", seconds(t0), load());
        t0 = System.nanoTime();
        s.refund = s.tooLate();
        s.booksAgree();
        System.out.printf("peg step 4 (deposit too close to its refund; books) took %.1f s (load %s)%n", seconds(t0),
                load());
        return s;
    }

    /** Step 5, told last of all: the too-late deposit taken back by its depositor with the group stopped. */
    void refundWithTheGroupStopped() throws Exception {
        refund.takeBackWithTheGroupStopped(group);
    }

    /**
     * Step 6, part one (before the membership change): a deposit larger than the guard's headroom waits in the
     * visible guard queue at every member of the current epoch ({@code members}), never minted.
     */
    GuardWait depositBeyondTheBound(List<Integer> members) throws Exception {
        long t0 = System.nanoTime();
        // Every member's guard counts the stakes of the same epoch, the one of exactly these members: a bound read
        // before a member has seen the latest epoch could grow under the deposit and let it through.
        JsonNode guard = PegStory.awaitValue("every member's guard on the stakes of the epoch of " + members,
                Duration.ofMinutes(2), () -> agreedGuard(members));
        long headroom = guard.path("headroomSats").asLong();
        long amount = headroom + GUARD_EXCESS;
        PegUser.Deposit d = user.reveal(amount, REFUND_AHEAD);
        Thread.sleep(2_000);
        Outpoint out = user.pay(d);
        devnet.mineBitcoin(CONFIRMATIONS - 1);
        for (int m : members) {
            LocalGroup.Node n = group.node(m);
            JsonNode queued = awaitListed(n, "guard", out);
            assertThat(queued.path("state").asText()).isEqualTo("queued");
            assertThat(queued.path("amountSats").asLong()).isEqualTo(amount);
            JsonNode g = api.read(n.baseUrl(), "/api/v1/peg/guard").orElseThrow();
            assertThat(g.path("headroomSats").asLong()).as("node-%d's headroom %s", m, g).isLessThan(amount);
        }
        Thread.sleep(3_000);
        assertThat(mintedOutpoints(0).getOrDefault(key(out), 0)).as("a deposit beyond the bound is not minted")
                .isZero();
        System.out.printf("peg step 6a (deposit of %d sat beyond the guard's headroom %d waits) took %.1f s (load %s): "
                + "%s%n", amount, headroom, seconds(t0), load(), guard);
        return new GuardWait(d, out, guard.path("boundSats").asLong());
    }

    /** The guard as every one of {@code members} shows it, once they agree on its bound over as many stakes. */
    private Optional<JsonNode> agreedGuard(List<Integer> members) {
        JsonNode first = null;
        for (int m : members) {
            Optional<JsonNode> g = api.read(group.node(m).baseUrl(), "/api/v1/peg/guard");
            if (g.isEmpty() || g.get().path("stakesSats").size() != members.size()) {
                return Optional.empty();
            }
            if (first == null) {
                first = g.get();
            } else if (first.path("boundSats").asLong() != g.get().path("boundSats").asLong()) {
                return Optional.empty();
            }
        }
        return Optional.ofNullable(first);
    }

    /** Step 6, part two: what waits for the guard, once the group's bound grew. */
    final class GuardWait {
        private final PegUser.Deposit deposit;
        private final Outpoint outpoint;
        private final long boundBefore;

        private GuardWait(PegUser.Deposit deposit, Outpoint outpoint, long boundBefore) {
            this.deposit = deposit;
            this.outpoint = outpoint;
            this.boundBefore = boundBefore;
        }

        /** After the new member's stake counts in the cheapest coalition: the bound grew and the deposit is minted. */
        void mintedOnceTheBoundGrew(int member) throws Exception {
            long t0 = System.nanoTime();
            PegStory.awaitValue("the mint of the deposit that waited for stake", Duration.ofMinutes(5),
                    () -> Optional.of(mintedOutpoints(0).getOrDefault(key(outpoint), 0)).filter(c -> c > 0));
            System.out.printf("peg step 6b: the deposit that waited for stake minted %.1f s after the membership "
                    + "change (load %s)%n", seconds(t0), load());
            Thread.sleep(3_000);
            assertThat(mintedOutpoints(0).get(key(outpoint))).as("exactly one mint of %s", outpoint).isEqualTo(1);
            assertThat(user.balance(deposit.recipient().address())).isEqualTo(deposit.sats());
            JsonNode g = api.read(group.node(member).baseUrl(), "/api/v1/peg/guard").orElseThrow();
            assertThat(g.path("boundSats").asLong()).as("the bound grew with the new stake: %s", g)
                    .isGreaterThan(boundBefore);
            assertThat(g.path("heldSats").asLong()).isLessThanOrEqualTo(g.path("boundSats").asLong());
        }
    }

    // 1. Fifty deposits and fifty redemptions, interleaved.
    private void interleaved() throws Exception {
        long fromBlock = sidechainHead();
        List<PegUser.Deposit> deposits = new ArrayList<>();
        for (int i = 0; i < LOAD; i++) {
            deposits.add(user.reveal(DEPOSIT + i, REFUND_AHEAD)); // distinct amounts: each deposit findable by amount
        }
        Thread.sleep(2_000); // the reveals are read before the payments' blocks are scanned
        Map<String, PegUser.Deposit> paid = new LinkedHashMap<>();
        Map<Long, Script> burns = new LinkedHashMap<>();
        Map<Long, String> statuses = new HashMap<>();
        Set<String> redeemed = new java.util.HashSet<>();
        long t0 = System.nanoTime();
        long lastReport = 0;
        int next = 0;
        // Every mint, sweep input and completion is a group signature; the channel runs about one session at a time.
        long deadline = System.nanoTime() + Duration.ofSeconds(120 + 15L * LOAD).toNanos();
        while (true) {
            // Pay a few more deposits (each mined in its own block) while earlier ones are minted and redeemed.
            if (next < LOAD) {
                for (int k = 0; k < 5 && next < LOAD; k++, next++) {
                    PegUser.Deposit d = deposits.get(next);
                    paid.put(key(user.pay(d)), d);
                }
            } else {
                devnet.mineBitcoin(1); // confirmations for the last deposits, the sweeps and the payouts
            }
            Map<String, Integer> minted = mintedOutpoints(fromBlock);
            for (Map.Entry<String, PegUser.Deposit> e : paid.entrySet()) {
                if (minted.containsKey(e.getKey()) && redeemed.add(e.getKey())) {
                    Script to = PegUser.newBitcoinScript();
                    burns.put(user.redeem(e.getValue().recipient(), BURN, to), to);
                }
            }
            for (long seq : burns.keySet()) {
                if (!"COMPLETED".equals(statuses.get(seq))) {
                    api.read(group.node(1).baseUrl(), "/api/v1/peg/redemptions/" + seq)
                            .ifPresent(v -> statuses.put(seq, v.path("status").asText().toUpperCase(Locale.ROOT)));
                }
            }
            long done = statuses.values().stream().filter("COMPLETED"::equals).count();
            if (minted.size() >= LOAD && done == LOAD) {
                assertThat(minted.values()).as("one Minted event per outpoint").allMatch(n -> n == 1);
                assertThat(minted.keySet()).containsExactlyInAnyOrderElementsOf(paid.keySet());
                break;
            }
            if (System.nanoTime() - lastReport > 10_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf("  %.0f s: %d paid, %d minted, %d burned, %d completed%n", seconds(t0), paid.size(),
                        minted.size(), burns.size(), done);
            }
            assertThat(System.nanoTime()).as("%d minted, %d of %d redemptions completed", minted.size(), done, LOAD)
                    .isLessThan(deadline);
            Thread.sleep(500);
        }
        System.out.printf("%d deposits minted and %d redemptions completed %.1f s after the first payment%n", LOAD,
                LOAD, seconds(t0));

        // Every redemption paid on Bitcoin to its own script, what it burned less at most its fee share.
        Map<String, JsonNode> payouts = new HashMap<>();
        for (Map.Entry<Long, Script> b : burns.entrySet()) {
            JsonNode v = api.read(group.node(1).baseUrl(), "/api/v1/peg/redemptions/" + b.getKey()).orElseThrow();
            String txid = v.path("payoutTxid").asText();
            JsonNode tx = payouts.computeIfAbsent(txid,
                    t -> bitcoin.getRawTransactionVerbose(new Txid(t)).orElseThrow());
            assertThat(tx.path("confirmations").asInt()).as("payout %s", txid).isGreaterThanOrEqualTo(CONFIRMATIONS);
            assertThat(paidTo(tx, b.getValue())).as("redemption %d paid by %s", b.getKey(), txid)
                    .isGreaterThan(BURN - MAX_FEE_SHARE).isLessThanOrEqualTo(BURN);
        }
        System.out.printf("%d redemptions paid in %d payout transactions%n", LOAD, payouts.size());
        for (PegUser.Deposit d : paid.values()) {
            assertThat(user.balance(d.recipient().address())).isEqualTo(d.sats() - BURN);
        }
        booksAgree();
    }

    // 2. A deposit reorganised out one confirmation short; the same outpoint confirmed later.
    private void reorganisedOut() throws Exception {
        awaitQuietMempool();
        long amount = 777_000;
        PegUser.Deposit d = user.reveal(amount, REFUND_AHEAD);
        Thread.sleep(2_000);
        Outpoint out = user.pay(d);
        long paidAt = bitcoin.getBlockCount().value();
        BlockHash paidIn = bitcoin.getBlockHash(BlockHeight.of(paidAt));
        String raw = bitcoin.getRawTransactionVerbose(out.txid()).orElseThrow().path("hex").asText();
        devnet.mineBitcoin(CONFIRMATIONS - 2); // one confirmation short
        Thread.sleep(3_000); // every member polls the chain at this height
        for (LocalGroup.Node n : group.nodes()) {
            assertThat(deposit(n.index(), amount)).as("node-%d books nothing before the confirmations", n.index())
                    .isEmpty();
        }

        bitcoin.invalidateBlock(paidIn);
        if (bitcoin.getMempoolEntry(out.txid()).isEmpty()) {
            bitcoin.call("sendrawtransaction", raw);
        }
        // The new chain holds the same transaction in another block and grows back to the old height: still one
        // confirmation short of what the deposit needs, where the old chain was too.
        devnet.mineBitcoin(CONFIRMATIONS - 1);
        assertThat(bitcoin.getBlockCount().value()).isEqualTo(paidAt + CONFIRMATIONS - 2);
        BlockHash newBlock = bitcoin.getBlockHash(BlockHeight.of(paidAt));
        assertThat(newBlock).isNotEqualTo(paidIn);
        assertThat(bitcoin.getRawTransactionVerbose(out.txid()).orElseThrow().path("blockhash").asText())
                .isEqualTo(newBlock.toString());
        Thread.sleep(4_000);
        assertThat(mintedOutpoints(0).getOrDefault(key(out), 0)).as("no mint of the reorganised deposit").isZero();
        for (LocalGroup.Node n : group.nodes()) {
            assertThat(deposit(n.index(), amount)).as("node-%d after the reorganisation", n.index()).isEmpty();
        }

        devnet.mineBitcoin(1);
        long t0 = System.nanoTime();
        PegStory.awaitValue("the mint of the re-confirmed deposit", Duration.ofMinutes(2),
                () -> Optional.of(mintedOutpoints(0).getOrDefault(key(out), 0)).filter(c -> c > 0));
        System.out.printf("reorganised deposit minted %.1f s after its confirmation in the new chain%n", seconds(t0));
        Thread.sleep(3_000);
        assertThat(mintedOutpoints(0).get(key(out))).as("exactly one mint of %s", out).isEqualTo(1);
        assertThat(user.balance(d.recipient().address())).isEqualTo(amount);
        for (LocalGroup.Node n : group.nodes()) {
            String[] row = PegStory.awaitValue("node-" + n.index() + " to record the mint", Duration.ofMinutes(1),
                    () -> deposit(n.index(), amount).filter(r -> r[0].equals("MINTED") || r[0].equals("SWEPT")));
            assertThat(row[1]).as("node-%d: confirmed in the new chain's block", n.index())
                    .isEqualTo(newBlock.toString());
        }
    }

    // 3. A redemption above what the rolling window has left waits, visibly, and is paid when the window allows.
    private void rollingCap() throws Exception {
        // A window free of earlier batches.
        devnet.mineBitcoin(WINDOW);
        long first = 2_000_000;
        long second = 1_500_000;
        PegUser.Deposit d = user.reveal(first + second, REFUND_AHEAD);
        Thread.sleep(2_000);
        user.pay(d);
        devnet.mineBitcoin(CONFIRMATIONS - 1);
        PegStory.awaitValue("the mint for the large redemptions", Duration.ofMinutes(2),
                () -> Optional.of(user.balance(d.recipient().address())).filter(b -> b == first + second));
        devnet.mineBitcoin(WINDOW);
        Script toFirst = PegUser.newBitcoinScript();
        Script toSecond = PegUser.newBitcoinScript();
        long a = user.redeem(d.recipient(), first, toFirst);
        long b = user.redeem(d.recipient(), second, toSecond);
        long t0 = System.nanoTime();
        JsonNode paidFirst = awaitRedemption(a, s -> s.equals("BROADCAST") || SETTLED.contains(s),
                Duration.ofMinutes(2));
        long firstHeight = paidFirst.path("broadcastHeight").asLong();
        // The second waits for the window, and the proposer (the member that admits batches) says why in its queue.
        LocalGroup.Node proposer = group.node(1);
        PegStory.awaitValue(proposer.name() + " to list redemption " + b + " in the limit queue",
                Duration.ofMinutes(1), () -> limitQueue(proposer).stream().filter(r -> r.path("sequence").asLong() == b)
                        .filter(r -> "rolling_cap".equals(r.path("waitingFor").asText())).findFirst());
        System.out.printf("redemption %d (%d sat) waits for the rolling cap %.1f s after the burns%n", b, second,
                seconds(t0));
        // While the window still holds the first batch, it keeps waiting, block after block.
        while (bitcoin.getBlockCount().value() < firstHeight + WINDOW - 1) {
            devnet.mineBitcoin(1);
            Thread.sleep(1_500);
            JsonNode v = api.read(group.node(1).baseUrl(), "/api/v1/peg/redemptions/" + b).orElseThrow();
            assertThat(v.path("status").asText()).as("redemption %d at tip %d (first batch at %d)", b,
                    bitcoin.getBlockCount().value(), firstHeight).isEqualTo("queued_by_limit");
        }
        long released = System.nanoTime();
        devnet.mineBitcoin(1); // the first batch's block leaves the window
        awaitRedemption(b, s -> s.equals("BROADCAST") || SETTLED.contains(s), Duration.ofMinutes(2));
        devnet.mineBitcoin(CONFIRMATIONS);
        JsonNode paidSecond = awaitRedemption(b, SETTLED::contains, Duration.ofMinutes(1));
        System.out.printf("redemption %d paid %.1f s after the window could admit it%n", b, seconds(released));
        assertThat(paidSecond.path("broadcastHeight").asLong()).as("batched once the first left the window")
                .isGreaterThanOrEqualTo(firstHeight + WINDOW);
        String firstTx = awaitRedemption(a, SETTLED::contains, Duration.ofMinutes(1)).path("payoutTxid").asText();
        assertThat(paidSecond.path("payoutTxid").asText()).isNotEqualTo(firstTx);
        assertThat(paidTo(bitcoin.getRawTransactionVerbose(new Txid(firstTx)).orElseThrow(), toFirst))
                .isGreaterThan(first - MAX_FEE_SHARE).isLessThanOrEqualTo(first);
        assertThat(paidTo(bitcoin.getRawTransactionVerbose(new Txid(paidSecond.path("payoutTxid").asText()))
                .orElseThrow(), toSecond)).isGreaterThan(second - MAX_FEE_SHARE).isLessThanOrEqualTo(second);
        for (LocalGroup.Node n : group.nodes()) {
            PegStory.awaitValue("node-" + n.index() + "'s limit queue to empty", Duration.ofMinutes(1),
                    () -> Optional.of(limitQueue(n)).filter(List::isEmpty));
        }
        assertThat(user.balance(d.recipient().address())).isZero();
    }

    // 4. A deposit too close to its refund time: listed, never minted; taken back at the very end (see Refund).
    private Refund tooLate() throws Exception {
        long amount = 555_000;
        ECKey refundKey = new ECKey();
        // Whenever it confirms, fewer blocks than the sweep margin are left before its refund.
        PegUser.Deposit d = user.reveal(amount, SWEEP_MARGIN - CONFIRMATIONS - 2, refundKey);
        Thread.sleep(2_000);
        Outpoint out = user.pay(d);
        devnet.mineBitcoin(CONFIRMATIONS - 1);
        for (LocalGroup.Node n : group.nodes()) {
            JsonNode listed = awaitListed(n, "nonQualifying", out);
            assertThat(listed.path("reason").asText()).isEqualTo("too_close_to_refund");
            assertThat(listed.path("amountSats").asLong()).isEqualTo(amount);
        }
        Thread.sleep(3_000);
        assertThat(mintedOutpoints(0).getOrDefault(key(out), 0)).as("a too-late deposit is never minted").isZero();
        assertThat(user.balance(d.recipient().address())).isZero();
        return new Refund(devnet, new Deposit(out, Satoshis.of(amount), d.script()), refundKey);
    }

    /**
     * The depositor's own way back, with no member running: one block before the refund height bcoin refuses the
     * signed refund as non-final; at the refund height it takes it, and the deposit's coins come back less the fee.
     */
    record Refund(Devnet devnet, Deposit deposit, ECKey key) {

        void takeBackWithTheGroupStopped(LocalGroup group) throws Exception {
            long t0 = System.nanoTime();
            for (LocalGroup.Node n : group.allNodes()) {
                if (n.jvm().filter(ProcessHandle::isAlive).isPresent()) {
                    group.kill(n.index());
                }
            }
            BitcoinRpcClient rpc = devnet.bitcoinRpc();
            long refundAt = deposit.script().refundHeight().value();
            long tip = rpc.getBlockCount().value();
            assertThat(tip).as("the story must end before the refund height %d", refundAt).isLessThan(refundAt - 1);
            assertThat(rpc.getTxOut(deposit.outpoint(), false)).as("the too-late deposit is still unspent").isPresent();
            Script back = PegUser.newBitcoinScript();
            UnsignedRefund refund = DepositRefund.build(deposit, back, FeeRate.satPerVbyte(2));
            Transaction signed = DepositRefund.sign(refund, TransactionSigner.ofKey(key));
            devnet.mineBitcoin((int) (refundAt - 1 - tip));
            assertThat(rpc.getBlockCount().value()).isEqualTo(refundAt - 1);
            assertThatThrownBy(() -> devnet.bitcoinBroadcaster().broadcast(signed))
                    .isInstanceOfSatisfying(TransactionRejectedException.class,
                            e -> assertThat(e.reason()).contains("non-final"));
            devnet.mineBitcoin(1);
            Txid txid = devnet.bitcoinBroadcaster().broadcast(signed);
            devnet.mineBitcoin(1);
            JsonNode paid = rpc.getTxOut(new Outpoint(txid, 0), false).orElseThrow();
            assertThat(paid.path("confirmations").asInt()).isEqualTo(1);
            assertThat(paid.path("value").decimalValue().movePointRight(8).longValueExact())
                    .isEqualTo(deposit.value().value() - refund.fee().value());
            assertThat(paid.path("scriptPubKey").path("hex").asText())
                    .isEqualTo(HexFormat.of().formatHex(back.program()));
            assertThat(rpc.getTxOut(deposit.outpoint(), true)).as("the deposit is spent").isEmpty();
            System.out.printf("peg step 5 (refund with the group stopped, refused one block early) took %.1f s "
                    + "(load %s)%n", seconds(t0), load());
        }
    }

    /** Every member's books: the same at all, balanced, the sidechain's supply, and no open invariant alert. */
    private void booksAgree() throws Exception {
        devnet.mineBitcoin(1);
        Thread.sleep(4_000);
        Map<Integer, Map<String, Long>> books = new TreeMap<>();
        for (LocalGroup.Node n : group.nodes()) {
            books.put(n.index(), PegStory.balances(env, n.index()));
            JsonNode alerts = api.read(n.baseUrl(), "/api/v1/peg/alerts").orElseThrow();
            List<JsonNode> open = new ArrayList<>();
            alerts.forEach(x -> {
                if (x.path("open").asBoolean()) {
                    open.add(x);
                }
            });
            assertThat(open).as("open invariant alerts at node-%d", n.index()).isEmpty();
        }
        Map<String, Long> first = books.get(1);
        books.forEach((i, b) -> assertThat(b).as("node-%d's books against node-1's", i).isEqualTo(first));
        long debits = first.entrySet().stream().filter(e -> e.getKey().endsWith(":DEBIT"))
                .mapToLong(Map.Entry::getValue).sum();
        long credits = first.entrySet().stream().filter(e -> e.getKey().endsWith(":CREDIT"))
                .mapToLong(Map.Entry::getValue).sum();
        assertThat(debits).as("debits = credits").isEqualTo(credits);
        try (EvmClient c = user.newAccount()) {
            long supply = WrappedBTC.load(token, c.web3j(), c.transactionManager(), c.gasProvider()).totalSupply()
                    .send().longValueExact();
            assertThat(first.getOrDefault("WRAPPED_SUPPLY:CREDIT", 0L) - first.getOrDefault("WRAPPED_SUPPLY:DEBIT", 0L))
                    .as("wrapped supply in the books against the token").isEqualTo(supply);
        }
        System.out.println("books at every member: " + first);
    }

    private JsonNode awaitRedemption(long sequence, java.util.function.Predicate<String> status, Duration timeout)
            throws InterruptedException {
        return PegStory.awaitValue("redemption " + sequence, timeout, () -> api.read(group.node(1).baseUrl(),
                "/api/v1/peg/redemptions/" + sequence).filter(v -> status.test(v.path("status").asText()
                        .toUpperCase(Locale.ROOT))));
    }

    private List<JsonNode> limitQueue(LocalGroup.Node n) {
        return queue(n, "limits");
    }

    /** One of the member's visible queues ({@code guard}, {@code limits}, {@code nonQualifying}), as REST shows it. */
    private List<JsonNode> queue(LocalGroup.Node n, String name) {
        List<JsonNode> l = new ArrayList<>();
        api.read(n.baseUrl(), "/api/v1/peg/queues").ifPresent(q -> q.path(name).forEach(l::add));
        return l;
    }

    private JsonNode awaitListed(LocalGroup.Node n, String queue, Outpoint out) throws InterruptedException {
        return PegStory.awaitValue(n.name() + " to list " + out + " in its " + queue + " queue", Duration.ofMinutes(1),
                () -> queue(n, queue).stream().filter(x -> x.path("outpoint").asText().equals(out.toString()))
                        .findFirst());
    }

    /** Until no group transaction is pending (twice, a few seconds apart): a reorganisation then moves only ours. */
    private void awaitQuietMempool() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        int quiet = 0;
        while (quiet < 2) {
            assertThat(System.nanoTime()).as("an empty mempool").isLessThan(deadline);
            if (bitcoin.call("getrawmempool").size() > 0) {
                quiet = 0;
                devnet.mineBitcoin(1);
            } else {
                quiet++;
            }
            Thread.sleep(2_000);
        }
    }

    /** Sats paid by a transaction (bcoin's verbose form) to {@code script}. */
    private static long paidTo(JsonNode tx, Script script) {
        long paid = 0;
        for (JsonNode out : tx.path("vout")) {
            if (out.path("scriptPubKey").path("hex").asText().equals(HexFormat.of().formatHex(script.program()))) {
                paid += out.path("value").decimalValue().movePointRight(8).longValueExact();
            }
        }
        return paid;
    }

    /** Minted events on the token since {@code fromBlock}, counted per deposit outpoint ({@code txid:vout}). */
    private Map<String, Integer> mintedOutpoints(long fromBlock) {
        EthFilter f = new EthFilter(
                org.web3j.protocol.core.DefaultBlockParameter.valueOf(BigInteger.valueOf(fromBlock)),
                DefaultBlockParameterName.LATEST, token);
        f.addSingleTopic(EventEncoder.encode(WrappedBTC.MINTED_EVENT));
        Map<String, Integer> out = new HashMap<>();
        try (EvmClient c = EvmClient.connect(devnet.evmRpcUrl(), devnet.evmChainId(),
                org.web3j.crypto.Credentials.create(org.web3j.crypto.ECKeyPair.create(BigInteger.TWO)))) {
            for (var r : c.web3j().ethGetLogs(f).send().getLogs()) {
                WrappedBTC.MintedEventResponse e = WrappedBTC.getMintedEventFromLog((Log) r.get());
                out.merge(HexFormat.of().formatHex(e.txid) + ":" + e.vout.intValueExact(), 1, Integer::sum);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out;
    }

    private static String key(Outpoint o) {
        return o.txid().hex() + ":" + o.vout();
    }

    private long sidechainHead() throws java.io.IOException {
        try (EvmClient c = user.newAccount()) {
            return c.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        }
    }

    /** This member's row for the deposit of {@code sats}: its state and the block that confirmed it. */
    private Optional<String[]> deposit(int node, long sats) {
        try (Connection c = DriverManager.getConnection(env.postgres().jdbcUrl("synod_node_" + node),
                LocalPostgres.USER, "");
             PreparedStatement s = c.prepareStatement(
                     "SELECT state, block_hash FROM pegin_deposit WHERE amount_sats = ?")) {
            s.setLong(1, sats);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        } catch (java.sql.SQLException e) {
            return Optional.empty();
        }
    }

    /** The machine's load averages (1, 5, 15 minutes), printed with each step's time: the IT shares 2 cores. */
    static String load() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
