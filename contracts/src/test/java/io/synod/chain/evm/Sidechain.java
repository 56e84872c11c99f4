package io.synod.chain.evm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.bitcoin.Txid;
import io.synod.chain.devnet.Devnet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.utils.Numeric;

/** Fresh keys and accounts on the shared devnet's anvil, and helpers to assert custom-error reverts. */
final class Sidechain {

    static final SecureRandom RANDOM = new SecureRandom();
    static final BigInteger ETHER = BigInteger.TEN.pow(18);

    final Devnet devnet = Devnet.shared();
    final ECKeyPair group = key();
    final List<ECKeyPair> members = List.of(key(), key(), key());
    final EvmClient operator = client(key());

    static ECKeyPair key() {
        try {
            return Keys.createEcKeyPair(RANDOM);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A funded account's client (balance set by anvil's devnet-only cheat). */
    EvmClient client(ECKeyPair key) {
        Credentials c = Credentials.create(key);
        devnet.fundEvm(c.getAddress(), ETHER.multiply(BigInteger.valueOf(100)));
        return EvmClient.connect(devnet.evmRpcUrl(), devnet.evmChainId(), c);
    }

    static String address(ECKeyPair key) {
        return Credentials.create(key).getAddress();
    }

    static byte[] random32() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return b;
    }

    static Outpoint randomOutpoint() {
        return new Outpoint(new Txid(HexFormat.of().formatHex(random32())), RANDOM.nextInt(4));
    }

    GenesisEpoch genesis() {
        return new GenesisEpoch(Eip712.publicKey64(group), 2, members.stream().map(Sidechain::address).toList(),
                List.of(randomOutpoint(), randomOutpoint(), randomOutpoint()));
    }

    SynodDeployment deploy() {
        return SynodDeployment.deploy(operator, genesis(), digest -> Eip712.sign(digest, group));
    }

    Eip712 eip712() {
        return new Eip712(devnet.evmChainId());
    }

    static String selector(String errorSignature) {
        return "0x" + HexFormat.of().formatHex(Hash.sha3(errorSignature.getBytes(StandardCharsets.UTF_8))).substring(0, 8);
    }

    /** The call reverts with {@code errorSignature} carrying exactly {@code args} (each one ABI word): the culprit. */
    static void assertRevertsWith(EvmClient client, String contract, RemoteFunctionCall<?> call, String errorSignature,
            BigInteger... args) {
        StringBuilder expected = new StringBuilder(selector(errorSignature));
        for (BigInteger a : args) {
            expected.append(Numeric.toHexStringNoPrefixZeroPadded(a, 64));
        }
        try {
            EthCall result = client.web3j().ethCall(Transaction.createEthCallTransaction(client.address(), contract,
                    call.encodeFunctionCall()), DefaultBlockParameterName.LATEST).send();
            assertThat(result.hasError()).as("call reverts").isTrue();
            // web3j hands the data over as a JSON string node: quoted.
            assertThat(String.valueOf(result.getError().getData()).replace("\"", "")).as("revert data of " + errorSignature)
                    .isEqualToIgnoringCase(expected.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The call reverts with {@code errorSignature}: simulated with eth_call (whose error data starts with the custom
     * error's selector) and, when {@code alsoSend}, sent as a real transaction that the chain mines as failed.
     */
    static void assertReverts(EvmClient client, String contract, RemoteFunctionCall<?> call, String errorSignature,
            boolean alsoSend) {
        try {
            EthCall result = client.web3j().ethCall(Transaction.createEthCallTransaction(client.address(), contract,
                    call.encodeFunctionCall()), DefaultBlockParameterName.LATEST).send();
            assertThat(result.hasError()).as("call reverts").isTrue();
            Object data = result.getError().getData();
            assertThat(String.valueOf(data)).as("revert data of " + errorSignature + ": " + result.getError().getMessage())
                    .contains(selector(errorSignature).substring(2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (alsoSend) {
            assertThatThrownBy(call::send).isInstanceOf(TransactionException.class);
            client.resetNonce();
        }
    }
}
