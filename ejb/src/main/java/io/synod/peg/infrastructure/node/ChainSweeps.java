package io.synod.peg.infrastructure.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.peg.domain.pegin.DepositBook;
import io.synod.peg.domain.pegin.PegInDeposit;
import io.synod.peg.domain.pegin.PegInState;
import io.synod.peg.domain.pegin.RevealedDeposit;

/**
 * Sweeps this member did not approve (it was down, or its verifier had not seen the mint yet when the group voted):
 * a minted deposit whose output is spent in a block, by a transaction whose first output pays the group's main
 * script, was swept by the group. The spender is found through bcoin's address index ({@code GET /tx/address}) and
 * recorded on the deposit, so {@code DepositSweeper.bookConfirmedSweeps} books it from the chain like any other.
 * A spend to anything else (a refund taken after the timelock) is left alone: it is not a sweep.
 */
public final class ChainSweeps {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BitcoinRpcClient bitcoin;
    private final URI base;
    private final String authorization;
    private final String groupScriptHex;
    private final Function<RevealedDeposit, String> address;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public ChainSweeps(BitcoinRpcClient bitcoin, String apiKey, String groupScriptHex,
            Function<RevealedDeposit, String> address) {
        this.bitcoin = bitcoin;
        this.base = bitcoin.url();
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString(("x:" + apiKey).getBytes(StandardCharsets.UTF_8));
        this.groupScriptHex = groupScriptHex;
        this.address = address;
    }

    /** Records the sweep of every minted deposit that the chain shows swept and this member did not know. */
    public void adopt(DepositBook book) {
        for (PegInDeposit d : book.deposits()) {
            if (d.state() != PegInState.MINTED || d.sweepTxid() != null
                    || bitcoin.getTxOut(d.outpoint(), false).isPresent()) {
                continue;
            }
            spender(d).ifPresent(txid -> book.save(new PegInDeposit(d.outpoint(), d.amount(), d.reveal(), d.block(),
                    d.state(), "sweep " + txid + " seen on the chain", d.readySince(), d.groupSignature(), d.epoch(),
                    d.mintTx(), txid)));
        }
    }

    private Optional<String> spender(PegInDeposit d) {
        for (JsonNode tx : transactions(address.apply(d.reveal()))) {
            if (tx.path("height").asLong(-1) < 0) {
                continue;
            }
            for (JsonNode in : tx.path("inputs")) {
                JsonNode prevout = in.path("prevout");
                if (prevout.path("hash").asText().equals(d.outpoint().txid().hex())
                        && prevout.path("index").asInt(-1) == d.outpoint().vout()) {
                    JsonNode first = tx.path("outputs").path(0);
                    return first.path("script").asText().equals(groupScriptHex)
                            ? Optional.of(tx.path("hash").asText()) : Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private JsonNode transactions(String addr) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/tx/address/" + addr))
                    .header("Authorization", authorization).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("bcoin answered " + r.statusCode() + " for the transactions of " + addr);
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("bcoin unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
