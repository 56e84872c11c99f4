package io.synod.chain.evm;

import java.io.IOException;
import java.math.BigInteger;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.tx.RawTransactionManager;

/**
 * Signs locally and assigns nonces from a local counter (so several transactions can be in flight), seeded from
 * the node's pending count and re-read after any failed send: a stale counter would otherwise block every later
 * transaction (web3j's FastRawTransactionManager keeps it).
 */
final class ManagedNonceTransactionManager extends RawTransactionManager {

    private final Web3j web3j;
    private final String address;
    private BigInteger next;

    ManagedNonceTransactionManager(Web3j web3j, Credentials credentials, long chainId) {
        // Receipts polled every 100 ms (web3j would wait 15 s between polls).
        super(web3j, credentials, chainId, 600, 100);
        this.web3j = web3j;
        this.address = credentials.getAddress();
    }

    @Override
    protected synchronized BigInteger getNonce() throws IOException {
        if (next == null) {
            next = web3j.ethGetTransactionCount(address, DefaultBlockParameterName.PENDING).send().getTransactionCount();
        }
        BigInteger nonce = next;
        next = next.add(BigInteger.ONE);
        return nonce;
    }

    synchronized void resetNonce() {
        next = null;
    }

    @Override
    public EthSendTransaction signAndSend(RawTransaction rawTransaction) throws IOException {
        try {
            EthSendTransaction sent = super.signAndSend(rawTransaction);
            if (sent.hasError()) {
                resetNonce();
            }
            return sent;
        } catch (IOException | RuntimeException e) {
            resetNonce();
            throw e;
        }
    }
}
