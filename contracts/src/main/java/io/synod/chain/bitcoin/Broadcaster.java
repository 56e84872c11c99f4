package io.synod.chain.bitcoin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bitcoinj.core.Transaction;
import org.bitcoinj.core.TransactionInput;
import org.bitcoinj.core.TransactionOutput;

/**
 * Broadcasts a transaction and proves the node accepted it: a mempool entry or a confirmation, never the txid that
 * {@code sendrawtransaction} echoes (bcoin returns it even when it rejects the transaction). On rejection the
 * caller gets the node's reason: Bitcoin Core's RPC error; for bcoin, the error of its REST {@code /broadcast}
 * (which reports verification failures) or, failing that, what the node's own UTXO set and relay fee show.
 */
public final class Broadcaster {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BitcoinRpcClient rpc;
    private final Duration acceptanceWait;
    private final Optional<Rest> bcoinRest;
    private final Optional<Path> bcoinLog;

    /** For Bitcoin Core, whose {@code sendrawtransaction} fails with the reason. */
    public Broadcaster(BitcoinRpcClient rpc, Duration acceptanceWait) {
        this(rpc, acceptanceWait, Optional.empty(), Optional.empty());
    }

    private Broadcaster(BitcoinRpcClient rpc, Duration acceptanceWait, Optional<Rest> bcoinRest, Optional<Path> log) {
        this.rpc = rpc;
        this.acceptanceWait = acceptanceWait;
        this.bcoinRest = bcoinRest;
        this.bcoinLog = log;
    }

    /**
     * For bcoin: its REST API (same address and API key as the RPC) reports verification failures that cost the
     * sender ban score; bcoin 1.0.2 reports all others (double spends, policy) only in its log, which is read for
     * this transaction's line when {@code nodeLog} is given (a local node, such as the devnet's).
     */
    public static Broadcaster forBcoin(BitcoinRpcClient rpc, String apiKey, Optional<Path> nodeLog,
            Duration acceptanceWait) {
        return new Broadcaster(rpc, acceptanceWait, Optional.of(new Rest(rpc.url(), apiKey)), nodeLog);
    }

    /** @return the txid, once the node shows the transaction in its mempool or in a block */
    public Txid broadcast(Transaction tx) {
        Txid txid = Txid.of(tx.getTxId());
        // Only log lines written after this submission answer it (an identical earlier attempt may have failed).
        long logFrom = bcoinLog.map(Broadcaster::sizeOf).orElse(0L);
        try {
            Txid echoed = rpc.sendRawTransaction(tx);
            if (!echoed.equals(txid)) {
                throw new TransactionRejectedException(txid, "node echoed another txid " + echoed);
            }
        } catch (BitcoinRpcException e) {
            throw new TransactionRejectedException(txid, e.nodeMessage());
        }
        Instant deadline = Instant.now().plus(acceptanceWait);
        do {
            if (isAccepted(txid)) {
                return txid;
            }
            // bcoin verifies asynchronously after echoing the txid; its log line is the earliest sure refusal.
            if (bcoinLog.flatMap(log -> reasonInLog(log, txid, logFrom)).isPresent() && !isAccepted(txid)) {
                break;
            }
            sleep(50);
        } while (Instant.now().isBefore(deadline));
        throw new TransactionRejectedException(txid, explainRejection(tx, logFrom));
    }

    /** Confirmations of {@code txid}: 0 in the mempool, empty when the node knows nothing of it. */
    public Optional<Integer> confirmations(Txid txid) {
        if (rpc.getMempoolEntry(txid).isPresent()) {
            return Optional.of(0);
        }
        return rpc.getRawTransactionVerbose(txid).map(t -> t.path("confirmations").asInt(0));
    }

    private boolean isAccepted(Txid txid) {
        return confirmations(txid).isPresent();
    }

    private String explainRejection(Transaction tx, long logFrom) {
        List<String> reasons = new ArrayList<>();
        bcoinLog.flatMap(log -> reasonInLog(log, Txid.of(tx.getTxId()), logFrom)).ifPresent(reasons::add);
        long in = 0;
        boolean allInputsKnown = true;
        for (TransactionInput input : tx.getInputs()) {
            Outpoint spent = Outpoint.of(input.getOutpoint());
            Optional<JsonNode> coin = rpc.getTxOut(spent, false);
            if (coin.isEmpty()) {
                allInputsKnown = false;
                reasons.add("input " + spent + " is missing or already spent in the node's chain");
            } else {
                in += coin.get().path("value").decimalValue().movePointRight(8).longValueExact();
            }
        }
        if (reasons.isEmpty()) {
            // Resubmitting makes bcoin answer failures that cost ban score (bad scripts, consensus errors).
            bcoinRest.flatMap(rest -> rest.broadcastError(tx)).ifPresent(reasons::add);
        }
        if (reasons.isEmpty() && allInputsKnown) {
            long out = tx.getOutputs().stream().map(TransactionOutput::getValue).mapToLong(c -> c.value).sum();
            BigDecimal relay = rpc.call("getnetworkinfo").path("relayfee").decimalValue();
            long minFee = relay.movePointRight(8).multiply(BigDecimal.valueOf(tx.getVsize()))
                    .divide(BigDecimal.valueOf(1000), java.math.RoundingMode.CEILING).longValueExact();
            if (in - out < minFee) {
                reasons.add("fee " + (in - out) + " sat is below the node's relay minimum " + minFee + " sat");
            }
        }
        if (reasons.isEmpty()) {
            reasons.add("not in the node's mempool after " + acceptanceWait.toMillis() + " ms (no reason given)");
        }
        return String.join("; ", reasons);
    }

    /**
     * bcoin logs "Verification failure: REASON (code=... score=... hash=TXID)" for a refused transaction and
     * "TX was orphaned in mempool: TXID." for one whose inputs it does not have; the first such line is the answer
     * to our submission (later ones may answer resubmissions).
     */
    private static long sizeOf(Path log) {
        try {
            return Files.exists(log) ? Files.size(log) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static Optional<String> reasonInLog(Path log, Txid txid, long fromOffset) {
        Pattern line = Pattern.compile("Verification failure: (.+?) \\((code=\\S+) score=\\d+ hash=" + txid.hex()
                + "\\)|(TX was orphaned in mempool): " + txid.hex());
        try {
            if (!Files.isReadable(log)) {
                return Optional.empty();
            }
            long size = Files.size(log);
            try (var ch = java.nio.channels.FileChannel.open(log)) {
                long from = Math.max(fromOffset, size - (1 << 20));
                if (from >= size) {
                    return Optional.empty();
                }
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) (size - from));
                ch.read(buf, from);
                String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
                Matcher m = line.matcher(tail);
                if (!m.find()) {
                    return Optional.empty();
                }
                return Optional.of(m.group(3) != null
                        ? "orphan: the node lacks its inputs"
                        : m.group(1) + " (" + m.group(2) + ")");
            }
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** bcoin's REST {@code POST /broadcast}: unlike its RPC, it answers verification failures with an error. */
    private record Rest(URI base, String apiKey) {

        Optional<String> broadcastError(Transaction tx) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String auth = Base64.getEncoder().encodeToString(("x:" + apiKey).getBytes(StandardCharsets.UTF_8));
            try {
                String body = JSON.writeValueAsString(java.util.Map.of("tx", HexFormat.of().formatHex(tx.serialize())));
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/broadcast"))
                        .header("Authorization", "Basic " + auth)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode error = JSON.readTree(r.body()).path("error");
                return error.isMissingNode() || error.isNull()
                        ? Optional.empty()
                        : Optional.of(error.path("message").asText(error.toString()));
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }
}
