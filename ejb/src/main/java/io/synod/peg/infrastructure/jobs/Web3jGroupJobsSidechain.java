package io.synod.peg.infrastructure.jobs;

import static io.synod.peg.infrastructure.pegout.SidechainCall.call;

import java.math.BigInteger;
import java.util.List;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.methods.request.Transaction;

import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.GroupJobsDeployment;
import io.synod.peg.application.jobs.GroupJobsSidechain;

/** {@link GroupJobsSidechain} over a {@link GroupJobsDeployment}, through this member's sidechain client. */
public final class Web3jGroupJobsSidechain implements GroupJobsSidechain {

    private final EvmClient client;
    private final GroupJobsDeployment jobs;

    public Web3jGroupJobsSidechain(EvmClient client, GroupJobsDeployment jobs) {
        this.client = client;
        this.jobs = jobs;
    }

    @Override
    public long chainId() {
        return client.chainId();
    }

    @Override
    public String reserveContract() {
        return jobs.addresses().reserveAttestation();
    }

    @Override
    public String relayContract() {
        return jobs.addresses().headerRelay();
    }

    @Override
    public long currentEpoch() {
        return call(() -> jobs.core().registry().currentEpoch().send()).longValueExact();
    }

    @Override
    public long head() {
        return call(() -> client.web3j().ethBlockNumber().send().getBlockNumber()).longValueExact();
    }

    @Override
    public long wrappedSupplyAt(long block) {
        Function totalSupply = new Function("totalSupply", List.of(), List.of(new TypeReference<Uint256>() { }));
        String result = call(() -> client.web3j().ethCall(Transaction.createEthCallTransaction(client.address(),
                jobs.core().addresses().token(), FunctionEncoder.encode(totalSupply)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send().getValue());
        @SuppressWarnings("rawtypes")
        List<Type> decoded = FunctionReturnDecoder.decode(result, totalSupply.getOutputParameters());
        return ((BigInteger) decoded.get(0).getValue()).longValueExact();
    }

    @Override
    public long latestAttestedHeight() {
        return call(() -> jobs.reserveAttestation().latest().send().component1()).longValueExact();
    }

    @Override
    public RelayTip relayTip() {
        return new RelayTip(call(() -> jobs.headerRelay().bestHash().send()),
                call(() -> jobs.headerRelay().bestHeight().send()).longValueExact());
    }

    @Override
    public void submitAttestation(long bitcoinHeight, byte[] blockHash, long reserves, long wrappedSupply, long epoch,
            byte[] groupSignature) {
        call(() -> jobs.reserveAttestation().attest(BigInteger.valueOf(bitcoinHeight), blockHash,
                BigInteger.valueOf(reserves), BigInteger.valueOf(wrappedSupply), BigInteger.valueOf(epoch),
                groupSignature).send());
    }

    @Override
    public void submitRelay(byte[] headers, long epoch, byte[] groupSignature) {
        call(() -> jobs.headerRelay().relay(headers, BigInteger.valueOf(epoch), groupSignature).send());
    }
}
