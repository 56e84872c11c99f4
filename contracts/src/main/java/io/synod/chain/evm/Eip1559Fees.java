package io.synod.chain.evm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.tx.gas.ContractEIP1559GasProvider;

/**
 * Type-2 fees from the chain: tip from {@code eth_maxPriorityFeePerGas}, cap at twice the latest base fee plus the
 * tip. The gas limit is fixed rather than estimated: estimation fails on a revert with no reason, while a sent
 * transaction that reverts lets web3j report the contract's revert reason.
 */
final class Eip1559Fees implements ContractEIP1559GasProvider {

    private final Web3j web3j;
    private final long chainId;
    private final BigInteger gasLimit;

    Eip1559Fees(Web3j web3j, long chainId, BigInteger gasLimit) {
        this.web3j = web3j;
        this.chainId = chainId;
        this.gasLimit = gasLimit;
    }

    @Override
    public long getChainId() {
        return chainId;
    }

    @Override
    public BigInteger getMaxPriorityFeePerGas() {
        try {
            return web3j.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public BigInteger getMaxFeePerGas() {
        try {
            BigInteger baseFee = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send()
                    .getBlock().getBaseFeePerGas();
            return baseFee.shiftLeft(1).add(getMaxPriorityFeePerGas());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public BigInteger getGasPrice() {
        return getMaxFeePerGas();
    }

    @Override
    public BigInteger getGasLimit(Transaction transaction) {
        return gasLimit;
    }

    @Override
    public BigInteger getGasLimit() {
        return gasLimit;
    }
}
