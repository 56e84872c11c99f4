package io.synod.peg.infrastructure.invariants;

import java.math.BigInteger;
import java.util.List;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;

import io.synod.chain.evm.EvmClient;
import io.synod.peg.application.invariants.SidechainSupply;
import io.synod.peg.infrastructure.pegout.SidechainCall;
import io.synod.shared.domain.Satoshis;

/** {@code WrappedBTC.totalSupply()} by {@code eth_call} at a given block of this member's sidechain node. */
public final class Web3jSidechainSupply implements SidechainSupply {

    private static final String TOTAL_SUPPLY = FunctionEncoder.encode(new Function("totalSupply", List.of(),
            List.of(new TypeReference<Uint256>() { })));

    private final EvmClient client;
    private final String token;

    public Web3jSidechainSupply(EvmClient client, String tokenAddress) {
        this.client = client;
        this.token = tokenAddress;
    }

    @Override
    public Head head() {
        EthBlock.Block b = SidechainCall.call(() -> client.web3j()
                .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()).getBlock();
        return new Head(b.getNumber().longValueExact(), b.getHash());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Satoshis totalSupplyAt(long block) {
        EthCall r = SidechainCall.call(() -> client.web3j().ethCall(
                Transaction.createEthCallTransaction(null, token, TOTAL_SUPPLY),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send());
        if (r.hasError() || r.isReverted()) {
            throw new IllegalStateException("totalSupply at block " + block + " failed: " + r.getRevertReason());
        }
        List<Type> out = FunctionReturnDecoder.decode(r.getValue(),
                new Function("totalSupply", List.of(), List.of(new TypeReference<Uint256>() { })).getOutputParameters());
        if (out.size() != 1) {
            throw new IllegalStateException("totalSupply at block " + block + ": no value from " + token);
        }
        return Satoshis.of(((BigInteger) out.get(0).getValue()).longValueExact());
    }
}
