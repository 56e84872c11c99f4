package io.synod.chain.bitcoin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.bitcoinj.core.Block;
import org.bitcoinj.core.Transaction;

/**
 * JSON-RPC 1.0 client for bitcoind-compatible nodes, tested against bcoin and written to Bitcoin Core's interface.
 * It only uses calls both share, in forms both accept (raw blocks are parsed here rather than relying on either
 * node's verbose JSON). HTTP/1.1 is forced: bcoin's server does not speak HTTP/2 upgrade.
 */
public final class BitcoinRpcClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI url;
    private final String authorization;
    private final Duration timeout;
    private final HttpClient http;
    private final AtomicLong ids = new AtomicLong();

    public BitcoinRpcClient(URI url, String user, String password, Duration timeout) {
        this.url = url;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public URI url() {
        return url;
    }

    /** Calls {@code method}; a node error becomes a {@link BitcoinRpcException} with the node's code and message. */
    public JsonNode call(String method, Object... params) {
        ObjectNode request = JSON.createObjectNode();
        request.put("jsonrpc", "1.0");
        request.put("id", ids.incrementAndGet());
        request.put("method", method);
        ArrayNode array = request.putArray("params");
        for (Object p : params) {
            array.addPOJO(p);
        }
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(url)
                    .timeout(timeout)
                    .header("Authorization", authorization)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(request)))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new BitcoinRpcException(method, 0, "node unreachable at " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BitcoinRpcException(method, 0, "interrupted", e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            throw new BitcoinRpcException(method, response.statusCode(), "HTTP " + response.statusCode() + ": "
                    + response.body(), e);
        }
        JsonNode error = body == null ? null : body.get("error");
        if (error != null && !error.isNull()) {
            throw new BitcoinRpcException(method, error.path("code").asInt(), error.path("message").asText(), null);
        }
        if (response.statusCode() != 200 || body == null) {
            throw new BitcoinRpcException(method, response.statusCode(), "HTTP " + response.statusCode(), null);
        }
        return body.get("result");
    }

    public BlockHeight getBlockCount() {
        return BlockHeight.of(call("getblockcount").asLong());
    }

    public BlockHash getBestBlockHash() {
        return new BlockHash(call("getbestblockhash").asText());
    }

    public BlockHash getBlockHash(BlockHeight height) {
        return new BlockHash(call("getblockhash", height.value()).asText());
    }

    /** The block, parsed from the node's raw serialisation and checked to hash to what was asked for. */
    public Block getBlock(BlockHash hash) {
        byte[] raw = HexFormat.of().parseHex(call("getblock", hash.hex(), false).asText());
        Block block = Block.read(ByteBuffer.wrap(raw));
        if (!BlockHash.of(block.getHash()).equals(hash)) {
            throw new BitcoinRpcException("getblock", 0, "node returned another block than " + hash, null);
        }
        return block;
    }

    public Txid sendRawTransaction(Transaction tx) {
        return new Txid(call("sendrawtransaction", HexFormat.of().formatHex(tx.serialize())).asText());
    }

    public Optional<JsonNode> getMempoolEntry(Txid txid) {
        return notFoundAsEmpty(() -> call("getmempoolentry", txid.hex()));
    }

    /** The transaction with its confirmations (needs the node's transaction index for confirmed ones). */
    public Optional<JsonNode> getRawTransactionVerbose(Txid txid) {
        return notFoundAsEmpty(() -> call("getrawtransaction", txid.hex(), true));
    }

    /** An unspent output (in the chain, or in the mempool when {@code includeMempool}); empty when spent or unknown. */
    public Optional<JsonNode> getTxOut(Outpoint outpoint, boolean includeMempool) {
        JsonNode result = call("gettxout", outpoint.txid().hex(), outpoint.vout(), includeMempool);
        return result == null || result.isNull() ? Optional.empty() : Optional.of(result);
    }

    public List<Txid> getRawMempool() {
        List<Txid> txids = new ArrayList<>();
        call("getrawmempool").forEach(n -> txids.add(new Txid(n.asText())));
        return txids;
    }

    /** The node's fee estimate; empty when it has none (regtest nodes answer -1 or an error). */
    public Optional<FeeRate> estimateSmartFee(int targetBlocks) {
        JsonNode result;
        try {
            result = call("estimatesmartfee", targetBlocks);
        } catch (BitcoinRpcException e) {
            return Optional.empty();
        }
        // Core answers "feerate" in BTC/kvB; bcoin answers "fee" (-1 when unknown).
        JsonNode rate = result.has("feerate") ? result.get("feerate") : result.get("fee");
        if (rate == null || !rate.isNumber() || rate.decimalValue().signum() <= 0) {
            return Optional.empty();
        }
        BigDecimal satPerKvB = rate.decimalValue().movePointRight(8);
        return Optional.of(new FeeRate(satPerKvB.setScale(0, java.math.RoundingMode.CEILING).longValueExact()));
    }

    public List<BlockHash> generateToAddress(int blocks, String address) {
        List<BlockHash> hashes = new ArrayList<>();
        call("generatetoaddress", blocks, address).forEach(n -> hashes.add(new BlockHash(n.asText())));
        return hashes;
    }

    public void invalidateBlock(BlockHash hash) {
        call("invalidateblock", hash.hex());
    }

    private static Optional<JsonNode> notFoundAsEmpty(java.util.function.Supplier<JsonNode> call) {
        try {
            JsonNode result = call.get();
            return result == null || result.isNull() ? Optional.empty() : Optional.of(result);
        } catch (BitcoinRpcException e) {
            // Core answers -5; bcoin answers -1 "Transaction not in mempool." for getmempoolentry.
            String message = e.nodeMessage().toLowerCase(java.util.Locale.ROOT);
            if (e.code() == BitcoinRpcException.NOT_FOUND || message.contains("not in mempool")
                    || message.contains("not found")) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
