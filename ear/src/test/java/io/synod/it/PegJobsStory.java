package io.synod.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.bitcoinj.core.Transaction;
import org.bitcoinj.crypto.ECKey;
import org.bitcoinj.script.ScriptBuilder;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.Log;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.devnet.Devnet;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.contracts.HeaderRelay;
import io.synod.chain.evm.contracts.ReserveAttestation;
import io.synod.chain.evm.contracts.WrappedBTC;
import io.synod.chain.bitcoin.FeeRate;
import io.synod.chain.bitcoin.RbfMiner;
import io.synod.chain.bitcoin.Txid;
import io.synod.cli.demo.PegUser;
import io.synod.cli.local.LocalGroup;

/**
 * The group jobs running in the group's servers, told right after {@link PegStory} on the same group: the proposer
 * deployed the job contracts, and on the local schedule (an attestation every 10 Bitcoin blocks) the group's
 * threshold-signed proof of reserves and relayed headers arrive on anvil. Everything is read back by a client of
 * this test and held against bcoin: the relay's best header is bcoin's block at that height, the attested block is
 * bcoin's, the reserves are the group's UTXOs as bcoin's address index reports them and cover the token's total
 * supply, and the attestation's signature recovers (web3j, independent of the contract) to the group key.
 */
final class PegJobsStory {
    private static final int PERIOD = 10;
    private static final int CONFIRMATIONS = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    private PegJobsStory() {
    }

    static void tell(ItEnvironment env, LocalGroup group, String groupKey) throws Exception {
        long started = System.nanoTime();
        Devnet devnet = env.devnet();
        JsonNode contracts = group.api().read(group.node(1).baseUrl(), "/api/v1/group").orElseThrow()
                .path("signing").path("contracts");
        String registry = contracts.path("registry").asText();
        String token = contracts.path("token").asText();
        try (EvmClient client = EvmClient.connect(devnet.evmRpcUrl(), devnet.evmChainId(),
                Credentials.create(ECKeyPair.create(BigInteger.valueOf(7))))) {
            // The next attestation height, with its confirmations on bcoin.
            long tip = devnet.bitcoinRpc().getBlockCount().value();
            long target = (tip / PERIOD + 1) * PERIOD;
            devnet.mineBitcoin((int) (target + CONFIRMATIONS - 1 - tip));

            Log attested = await("an attestation at Bitcoin height >= " + target, Duration.ofSeconds(90),
                    () -> logs(client, ReserveAttestation.RESERVESATTESTED_EVENT, registry).stream()
                            .filter(l -> ReserveAttestation.getReservesAttestedEventFromLog(l).bitcoinHeight
                                    .longValueExact() >= target).reduce((a, b) -> b));
            ReserveAttestation reserves = ReserveAttestation.load(attested.getAddress(), client.web3j(),
                    client.transactionManager(), client.gasProvider());
            assertThat(reserves.registry().send()).as("the attestation contract serves this group's registry")
                    .isEqualToIgnoringCase(registry);
            var latest = reserves.latest().send();
            long height = latest.component1().longValueExact();
            assertThat(height % PERIOD).as("attested on schedule").isZero();
            assertThat(HexFormat.of().formatHex(latest.component2())).as("the attested block is bcoin's")
                    .isEqualTo(devnet.bitcoinRpc().getBlockHash(BlockHeight.of(height)).hex());
            String groupAddress = devnet.bitcoinNetwork().address(ScriptBuilder.createP2WPKHOutputScript(
                    ECKey.fromPublicOnly(HexFormat.of().parseHex(groupKey))));
            long utxos = groupUtxos(devnet, groupAddress, height);
            BigInteger supply = WrappedBTC.load(token, client.web3j(), client.transactionManager(),
                    client.gasProvider()).totalSupply().send();
            assertThat(latest.component3()).as("reserves = the group's UTXOs at %s confirmed by %d on bcoin",
                    groupAddress, height).isEqualTo(BigInteger.valueOf(utxos));
            assertThat(latest.component4()).as("the attested supply is the token's").isEqualTo(supply);
            assertThat(latest.component3()).as("reserves cover the wrapped supply").isGreaterThanOrEqualTo(supply)
                    .isPositive();
            assertThat(recoveredSigner(client, reserves, attested)).as("the attestation's signer is the group key")
                    .isEqualTo(uncompressed(groupKey));
            System.out.printf("proof of reserves at Bitcoin height %d: %d sat against a wrapped supply of %d sat%n",
                    height, utxos, supply);

            // The relay follows bcoin up to the final height.
            Log relayed = await("headers relayed up to " + target, Duration.ofSeconds(90),
                    () -> logs(client, HeaderRelay.HEADERSRELAYED_EVENT, registry).stream()
                            .filter(l -> HeaderRelay.getHeadersRelayedEventFromLog(l).tipHeight.longValueExact()
                                    >= target).reduce((a, b) -> b));
            HeaderRelay relay = HeaderRelay.load(relayed.getAddress(), client.web3j(), client.transactionManager(),
                    client.gasProvider());
            long best = relay.bestHeight().send().longValueExact();
            assertThat(best).isGreaterThanOrEqualTo(target);
            for (long h : List.of(best, best - 1, target)) {
                String bcoin = devnet.bitcoinRpc().getBlockHash(BlockHeight.of(h)).hex();
                assertThat(relay.headerOf(HexFormat.of().parseHex(bcoin)).send().component1())
                        .as("bcoin's block at %d is relayed at that height", h).isEqualTo(BigInteger.valueOf(h));
            }
            assertThat(HexFormat.of().formatHex(relay.bestHash().send())).as("the relay's best header is bcoin's")
                    .isEqualTo(devnet.bitcoinRpc().getBlockHash(BlockHeight.of(best)).hex());
            System.out.printf("header relay at Bitcoin height %d; group jobs story step took %.1f s%n", best,
                    (System.nanoTime() - started) / 1e9);
        }
        stuckPayoutIsBumped(env, group, groupKey, contracts);
    }

    /**
     * A payout stuck in a fee market is fee-bumped by the group and confirms: after a fresh peg-in and a burn, blocks
     * are mined by a miner that takes only packages paying at least 1.5 sat/vB (bcoin's own mining takes everything),
     * so the payout at the 1 sat/vB floor stays in the mempool until the proposer bumps it (after
     * {@code synod.peg.bump-after-blocks} = 3) with a child paying for both; then both confirm, the redemption
     * completes, and every member's books are identical and hold the bump's fee.
     */
    private static void stuckPayoutIsBumped(ItEnvironment env, LocalGroup group, String groupKey, JsonNode contracts)
            throws Exception {
        long started = System.nanoTime();
        Devnet devnet = env.devnet();
        PegUser user = new PegUser(new DevnetBitcoin(devnet), devnet.bitcoinNetwork(), devnet.evmRpcUrl(),
                devnet.evmChainId(), a -> devnet.fundEvm(a, BigInteger.TEN.pow(20)), groupKey,
                contracts.path("token").asText(), contracts.path("redemption").asText());
        Map<Integer, Long> feesBefore = new TreeMap<>();
        for (LocalGroup.Node n : group.nodes()) {
            feesBefore.put(n.index(), books(env, n.index()).getOrDefault("FEES:DEBIT", 0L));
        }
        PegUser.Deposit d = user.reveal(2_000_000, 1_000);
        Thread.sleep(2_000); // the reveal is read before the payment's block is scanned
        user.pay(d);
        user.bitcoin().mine(CONFIRMATIONS - 1);
        await("the mint of " + d.sats(), Duration.ofMinutes(2),
                () -> Optional.of(user.balance(d.recipient().address())).filter(b -> b == d.sats()));
        long sequence = user.redeem(d.recipient(), 700_000, PegUser.newBitcoinScript());
        String payout = await("the payout of redemption " + sequence + " broadcast", Duration.ofMinutes(2),
                () -> group.api().read(group.node(1).baseUrl(), "/api/v1/peg/redemptions/" + sequence)
                        .map(v -> v.path("payoutTxid").asText(""))
                        .filter(t -> t.length() == 64 && devnet.bitcoinRpc().getMempoolEntry(new Txid(t)).isPresent()));
        FeeRate market = new FeeRate(1_500);
        List<String> mined = List.of();
        for (int i = 0; i < 12 && !mined.contains(payout); i++) {
            mined = mineFeeMarket(devnet, market);
            assertThat(mined.contains(payout) && i < 2).as("the payout is not mined before it is bumped").isFalse();
            Thread.sleep(2_500);
        }
        assertThat(mined).as("the payout mined once bumped").contains(payout);
        JsonNode paid = devnet.bitcoinRpc().getRawTransactionVerbose(new Txid(payout)).orElseThrow();
        String change = paid.path("txid").asText();
        int changeIndex = paid.path("vout").size() - 1;
        List<String> children = mined.stream().filter(t -> devnet.bitcoinRpc().getRawTransactionVerbose(new Txid(t))
                .orElseThrow().path("vin").get(0).path("txid").asText().equals(change)
                && devnet.bitcoinRpc().getRawTransactionVerbose(new Txid(t)).orElseThrow().path("vin").get(0)
                        .path("vout").asInt() == changeIndex).toList();
        assertThat(children).as("a child spending the payout's change was mined with it").hasSize(1);
        devnet.mineBitcoin(CONFIRMATIONS);
        for (LocalGroup.Node n : group.nodes()) {
            await("node-" + n.index() + " to complete redemption " + sequence, Duration.ofMinutes(2), () -> {
                devnet.mineBitcoin(1);
                return group.api().read(n.baseUrl(), "/api/v1/peg/redemptions/" + sequence)
                        .map(v -> v.path("status").asText().toUpperCase(java.util.Locale.ROOT))
                        .filter(st -> st.equals("COMPLETED"));
            });
        }
        Thread.sleep(3_000);
        Map<Integer, Map<String, Long>> books = new TreeMap<>();
        for (LocalGroup.Node n : group.nodes()) {
            books.put(n.index(), books(env, n.index()));
            assertThat(books.get(n.index()).getOrDefault("FEES:DEBIT", 0L)).as("node-%d booked the bump's fee",
                    n.index()).isGreaterThan(feesBefore.get(n.index()));
        }
        for (LocalGroup.Node n : group.nodes()) {
            assertThat(books.get(n.index())).as("node-%d's books against node-1's", n.index()).isEqualTo(books.get(1));
        }
        System.out.printf("stuck payout %s bumped by %s and completed; step took %.1f s%n", payout, children.get(0),
                (System.nanoTime() - started) / 1e9);
    }

    /** One block of the mempool packages (a transaction with its unconfirmed ancestors) paying at least {@code min}. */
    private static List<String> mineFeeMarket(Devnet devnet, FeeRate min) {
        var rpc = devnet.bitcoinRpc();
        Map<String, Transaction> pool = new java.util.HashMap<>();
        Map<String, Long> fees = new java.util.HashMap<>();
        for (Txid id : rpc.getRawMempool()) {
            JsonNode t = rpc.getRawTransactionVerbose(id).orElseThrow();
            pool.put(id.hex(), Transaction.read(java.nio.ByteBuffer.wrap(HexFormat.of().parseHex(t.path("hex").asText()))));
            fees.put(id.hex(), rpc.getMempoolEntry(id).orElseThrow().path("fee").decimalValue().movePointRight(8)
                    .longValueExact());
        }
        java.util.Set<String> chosen = new java.util.LinkedHashSet<>();
        for (String id : pool.keySet()) {
            java.util.Set<String> pkg = new java.util.LinkedHashSet<>();
            withAncestors(id, pool, pkg);
            long fee = pkg.stream().mapToLong(fees::get).sum();
            long vsize = pkg.stream().mapToLong(x -> pool.get(x).getVsize()).sum();
            if (fee * 1000 >= min.satPerKvB() * vsize) {
                chosen.addAll(pkg);
            }
        }
        RbfMiner.mineBlockWith(rpc, chosen.stream().map(pool::get).toList());
        return List.copyOf(chosen);
    }

    private static void withAncestors(String id, Map<String, Transaction> pool, java.util.Set<String> out) {
        for (var in : pool.get(id).getInputs()) {
            String parent = in.getOutpoint().hash().toString();
            if (pool.containsKey(parent) && !out.contains(parent)) {
                withAncestors(parent, pool, out);
            }
        }
        out.add(id);
    }

    /** A member's ledger summed per account and direction, read from its database. */
    private static Map<String, Long> books(ItEnvironment env, int node) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        try (var c = java.sql.DriverManager.getConnection(env.postgres().jdbcUrl("synod_node_" + node),
                io.synod.cli.local.LocalPostgres.USER, "");
             var s = c.createStatement();
             var rs = s.executeQuery("SELECT account || ':' || direction, sum(amount_sats) FROM ledger_posting "
                     + "GROUP BY account, direction")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    /** The devnet's bcoin as a peg user sees it; blocks mined by bcoin (everything in the mempool). */
    private record DevnetBitcoin(Devnet devnet) implements PegUser.Bitcoin {
        @Override
        public io.synod.chain.bitcoin.Outpoint pay(org.bitcoinj.script.Script script, long sats) {
            return devnet.fundBitcoin(script, io.synod.chain.bitcoin.Satoshis.of(sats), 1).get(0).outpoint();
        }

        @Override
        public void mine(int blocks) {
            devnet.mineBitcoin(blocks);
        }

        @Override
        public long height() {
            return devnet.bitcoinRpc().getBlockCount().value();
        }
    }

    /** The events of one kind on anvil, from contracts of any address bound to this group's registry. */
    private static List<Log> logs(EvmClient client, org.web3j.abi.datatypes.Event event, String registry) {
        try {
            EthFilter f = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST,
                    List.of());
            f.addSingleTopic(EventEncoder.encode(event));
            return client.web3j().ethGetLogs(f).send().getLogs().stream().map(r -> (Log) r.get())
                    .filter(l -> boundTo(client, l.getAddress(), registry)).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean boundTo(EvmClient client, String contract, String registry) {
        try {
            return HeaderRelay.load(contract, client.web3j(), client.transactionManager(), client.gasProvider())
                    .registry().send().equalsIgnoreCase(registry);
        } catch (Exception e) {
            return false;
        }
    }

    /** The public key (x ‖ y) web3j recovers from the attest call's group signature over the contract's digest. */
    private static BigInteger recoveredSigner(EvmClient client, ReserveAttestation reserves, Log attested)
            throws Exception {
        String input = client.web3j().ethGetTransactionByHash(attested.getTransactionHash()).send().getTransaction()
                .orElseThrow().getInput();
        List<TypeReference<?>> types = List.of(new TypeReference<Uint64>() { }, new TypeReference<Bytes32>() { },
                new TypeReference<Uint256>() { }, new TypeReference<Uint256>() { }, new TypeReference<Uint64>() { },
                new TypeReference<DynamicBytes>() { });
        @SuppressWarnings("rawtypes")
        List<Type> args = FunctionReturnDecoder.decode(input.substring(10), org.web3j.abi.Utils.convert(types));
        byte[] digest = reserves.attestDigest((BigInteger) args.get(0).getValue(), (byte[]) args.get(1).getValue(),
                (BigInteger) args.get(2).getValue(), (BigInteger) args.get(3).getValue(),
                (BigInteger) args.get(4).getValue()).send();
        byte[] sig = (byte[]) args.get(5).getValue();
        assertThat(sig).hasSize(65);
        return Sign.signedMessageHashToKey(digest, new Sign.SignatureData(sig[64], Arrays.copyOfRange(sig, 0, 32),
                Arrays.copyOfRange(sig, 32, 64)));
    }

    private static BigInteger uncompressed(String groupKey) {
        byte[] p = ECKey.fromPublicOnly(HexFormat.of().parseHex(groupKey)).decompress().getPubKey();
        return new BigInteger(1, Arrays.copyOfRange(p, 1, 65));
    }

    /** The value of the UTXOs paying {@code address} confirmed at or below {@code height}, from bcoin's REST index. */
    private static long groupUtxos(Devnet devnet, String address, long height) throws Exception {
        URI url = devnet.bitcoinRpcUrl().resolve("/coin/address/" + address);
        String auth = Base64.getEncoder().encodeToString(("x:" + devnet.bitcoinRpcPassword())
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(url).header("Authorization", "Basic " + auth).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("bcoin %s", url).isEqualTo(200);
        long sum = 0;
        for (JsonNode c : JSON.readTree(r.body())) {
            long h = c.path("height").asLong(-1);
            if (h >= 1 && h <= height) {
                sum += c.path("value").asLong();
            }
        }
        return sum;
    }

    private interface Probe<T> {
        Optional<T> get() throws Exception;
    }

    private static <T> T await(String what, Duration timeout, Probe<T> probe) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> v = probe.get();
            if (v.isPresent()) {
                return v.get();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
