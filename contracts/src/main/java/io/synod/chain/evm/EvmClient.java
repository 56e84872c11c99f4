package io.synod.chain.evm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.gas.ContractEIP1559GasProvider;

/**
 * One account's connection to the sidechain: checks the node's chain id against the configured one (signatures
 * and EIP-712 domains are bound to it), sends EIP-1559 transactions with local nonce management, and polls at a
 * short interval (web3j's default of 15 s would stall followers and receipts).
 */
public final class EvmClient implements AutoCloseable {

    public static final BigInteger DEFAULT_GAS_LIMIT = BigInteger.valueOf(6_000_000);

    private final Web3j web3j;
    private final long chainId;
    private final Credentials credentials;
    private final ManagedNonceTransactionManager transactions;
    private final Eip1559Fees fees;

    private EvmClient(Web3j web3j, long chainId, Credentials credentials, BigInteger gasLimit) {
        this.web3j = web3j;
        this.chainId = chainId;
        this.credentials = credentials;
        this.transactions = new ManagedNonceTransactionManager(web3j, credentials, chainId);
        this.fees = new Eip1559Fees(web3j, chainId, gasLimit);
    }

    public static EvmClient connect(URI rpcUrl, long expectedChainId, Credentials credentials) {
        Web3j web3j = Web3j.build(new HttpService(rpcUrl.toString()), 200,
                java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "web3j-poll");
                    t.setDaemon(true);
                    return t;
                }));
        try {
            long actual = web3j.ethChainId().send().getChainId().longValueExact();
            if (actual != expectedChainId) {
                web3j.shutdown();
                throw new IllegalStateException("node at " + rpcUrl + " is chain " + actual + ", expected " + expectedChainId);
            }
        } catch (IOException e) {
            web3j.shutdown();
            throw new UncheckedIOException("sidechain node unreachable at " + rpcUrl, e);
        }
        return new EvmClient(web3j, expectedChainId, credentials, DEFAULT_GAS_LIMIT);
    }

    public Web3j web3j() {
        return web3j;
    }

    public long chainId() {
        return chainId;
    }

    public Credentials credentials() {
        return credentials;
    }

    public String address() {
        return credentials.getAddress();
    }

    public org.web3j.tx.TransactionManager transactionManager() {
        return transactions;
    }

    public ContractEIP1559GasProvider gasProvider() {
        return fees;
    }

    /** Re-reads the account's nonce from the node (after transactions were sent by another client). */
    public void resetNonce() {
        transactions.resetNonce();
    }

    @Override
    public void close() {
        web3j.shutdown();
    }
}
