package io.synod.peg.infrastructure.pegin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.web3j.abi.EventEncoder;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.evm.Eip712;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.SynodDeployment;
import io.synod.chain.evm.contracts.GroupRegistry;
import io.synod.chain.evm.contracts.WrappedBTC;
import io.synod.peg.domain.pegin.MintAction;
import io.synod.peg.domain.pegin.PegInSidechain;
import io.synod.shared.domain.Satoshis;

/**
 * The peg-in's sidechain over web3j: reveal and Minted events from {@code eth_getLogs}, state from view calls,
 * mints sent from this member's own account. The mint digest is computed by {@link Eip712} from this member's
 * configured token address and chain id, never read from the contract.
 */
public final class Web3PegInSidechain implements PegInSidechain {

    private final EvmClient client;
    private final String tokenAddress;
    private final WrappedBTC token;
    private final GroupRegistry registry;
    private final Eip712 eip712;

    public Web3PegInSidechain(EvmClient client, SynodDeployment.Addresses addresses) {
        this.client = client;
        this.tokenAddress = addresses.token();
        this.token = WrappedBTC.load(addresses.token(), client.web3j(), client.transactionManager(), client.gasProvider());
        this.registry = GroupRegistry.load(addresses.registry(), client.web3j(), client.transactionManager(),
                client.gasProvider());
        this.eip712 = new Eip712(client.chainId());
    }

    @Override
    public long blockNumber() {
        try {
            return client.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<Reveal> reveals(long fromBlock, long toBlock) {
        List<Reveal> out = new ArrayList<>();
        for (Log log : logs(fromBlock, toBlock, EventEncoder.encode(WrappedBTC.DEPOSITREVEALED_EVENT), null)) {
            WrappedBTC.DepositRevealedEventResponse e = WrappedBTC.getDepositRevealedEventFromLog(log);
            out.add(new Reveal("0x" + HexFormat.of().formatHex(e.revealId), e.recipient, e.nonce, e.refundPublicKey,
                    e.refundHeight.longValueExact(), log.getBlockNumber().longValueExact()));
        }
        return out;
    }

    @Override
    public boolean isMinted(Outpoint outpoint) {
        return call(() -> token.isMinted(outpoint.txid().displayBytes(), BigInteger.valueOf(outpoint.vout())).send());
    }

    @Override
    public Optional<MintEvidence> mintEvidence(Outpoint outpoint) {
        String txidTopic = "0x" + outpoint.txid().hex();
        for (Log log : logs(0, blockNumber(), EventEncoder.encode(WrappedBTC.MINTED_EVENT), txidTopic)) {
            WrappedBTC.MintedEventResponse e = WrappedBTC.getMintedEventFromLog(log);
            if (e.vout.intValueExact() == outpoint.vout()) {
                return Optional.of(new MintEvidence(log.getTransactionHash(), log.getBlockNumber().longValueExact()));
            }
        }
        return Optional.empty();
    }

    @Override
    public long currentEpoch() {
        return call(() -> registry.currentEpoch().send()).longValueExact();
    }

    @Override
    public byte[] mintDigest(MintAction a) {
        return eip712.mint(tokenAddress, a.outpoint().txid().displayBytes(), a.outpoint().vout(), a.recipientAddress(),
                BigInteger.valueOf(a.amount().value()), a.epoch());
    }

    @Override
    public String submitMint(MintAction a, byte[] groupSignature) {
        try {
            TransactionReceipt r = token.mint(a.outpoint().txid().displayBytes(), BigInteger.valueOf(a.outpoint().vout()),
                    a.recipientAddress(), BigInteger.valueOf(a.amount().value()), BigInteger.valueOf(a.epoch()),
                    groupSignature).send();
            return r.getTransactionHash();
        } catch (Exception e) {
            client.resetNonce();
            throw new IllegalStateException("mint of " + a.outpoint() + " not mined: " + e.getMessage(), e);
        }
    }

    @Override
    public Satoshis totalSupply() {
        return Satoshis.of(call(() -> token.totalSupply().send()).longValueExact());
    }

    private List<Log> logs(long from, long to, String topic0, String topic1) {
        EthFilter f = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), tokenAddress);
        f.addSingleTopic(topic0);
        if (topic1 != null) {
            f.addSingleTopic(topic1);
        }
        try {
            EthLog result = client.web3j().ethGetLogs(f).send();
            if (result.hasError()) {
                throw new IllegalStateException("eth_getLogs: " + result.getError().getMessage());
            }
            List<Log> out = new ArrayList<>();
            for (EthLog.LogResult<?> r : result.getLogs()) {
                out.add((Log) r.get());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Call<T> {
        T run() throws Exception;
    }

    private static <T> T call(Call<T> c) {
        try {
            return c.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("sidechain call failed: " + e.getMessage(), e);
        }
    }
}
