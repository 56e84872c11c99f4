package io.synod.coordination.infrastructure.hsm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

import io.synod.chain.evm.EvmClient;
import io.synod.coordination.infrastructure.evm.BoardSigner;

/**
 * A sidechain transaction sent from the member's identity account, signed in its HSM: what the registry requires
 * to come from the member itself ({@code requestLeave}: {@code msg.sender} is the member). Legacy EIP-155 form, so
 * the signed bytes are exactly the RLP the identity key signs; the account pays its own (small) gas.
 */
public final class IdentityTransactions {
    private static final BigInteger GAS_LIMIT = BigInteger.valueOf(300_000);

    private IdentityTransactions() {
    }

    /** Sends {@code data} to {@code to} from {@code identityAddress}; returns once mined, failing on a revert. */
    public static TransactionReceipt send(EvmClient client, BoardSigner identity, String identityAddress, String to,
            String data) {
        try {
            var w = client.web3j();
            BigInteger nonce = w.ethGetTransactionCount(identityAddress, DefaultBlockParameterName.PENDING).send()
                    .getTransactionCount();
            BigInteger gasPrice = w.ethGasPrice().send().getGasPrice().multiply(BigInteger.TWO);
            RawTransaction raw = RawTransaction.createTransaction(nonce, gasPrice, GAS_LIMIT, to, data);
            byte[] sig = identity.sign(Hash.sha3(TransactionEncoder.encode(raw, client.chainId())));
            Sign.SignatureData sd = TransactionEncoder.createEip155SignatureData(new Sign.SignatureData(sig[64],
                    Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64)), client.chainId());
            EthSendTransaction sent = w.ethSendRawTransaction(Numeric.toHexString(TransactionEncoder.encode(raw, sd)))
                    .send();
            if (sent.hasError()) {
                throw new IllegalStateException("the sidechain refused the identity transaction: "
                        + sent.getError().getMessage());
            }
            for (int i = 0; i < 300; i++) {
                Optional<TransactionReceipt> r = w.ethGetTransactionReceipt(sent.getTransactionHash()).send()
                        .getTransactionReceipt();
                if (r.isPresent()) {
                    if (!r.get().isStatusOK()) {
                        throw new IllegalStateException("identity transaction " + sent.getTransactionHash()
                                + " reverted");
                    }
                    return r.get();
                }
                Thread.sleep(100);
            }
            throw new IllegalStateException("identity transaction " + sent.getTransactionHash() + " not mined in 30 s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
