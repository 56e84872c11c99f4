package io.synod.peg.infrastructure.jobs;

import static io.synod.peg.infrastructure.pegout.SidechainCall.call;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

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
import io.synod.chain.evm.SynodDeployment;
import io.synod.chain.evm.contracts.GroupRegistry;
import io.synod.chain.evm.contracts.HeaderRelay;
import io.synod.chain.evm.contracts.ReserveAttestation;
import io.synod.peg.application.jobs.GroupJobsSidechain;

/**
 * {@link GroupJobsSidechain} through this member's sidechain client, over the group's core contracts and the job
 * contracts this member knows: a fixed {@link GroupJobsDeployment}, or the addresses a server member adopted
 * ({@link JobContracts}), which may still be unknown (then the contract is named {@link #NONE} and nothing matches).
 */
public final class Web3jGroupJobsSidechain implements GroupJobsSidechain {

    /** The name of a job contract this member does not know yet; no action names it. */
    public static final String NONE = "(none)";

    private final EvmClient client;
    private final SynodDeployment.Addresses core;
    private final Supplier<Optional<String>> reserveAttestation;
    private final Supplier<Optional<String>> headerRelay;

    public Web3jGroupJobsSidechain(EvmClient client, GroupJobsDeployment jobs) {
        this(client, jobs.core().addresses(), () -> Optional.of(jobs.addresses().reserveAttestation()),
                () -> Optional.of(jobs.addresses().headerRelay()));
    }

    public Web3jGroupJobsSidechain(EvmClient client, SynodDeployment.Addresses core, JobContracts known) {
        this(client, core, known::reserveAttestation, known::headerRelay);
    }

    private Web3jGroupJobsSidechain(EvmClient client, SynodDeployment.Addresses core,
            Supplier<Optional<String>> reserveAttestation, Supplier<Optional<String>> headerRelay) {
        this.client = client;
        this.core = core;
        this.reserveAttestation = reserveAttestation;
        this.headerRelay = headerRelay;
    }

    @Override
    public long chainId() {
        return client.chainId();
    }

    @Override
    public String reserveContract() {
        return reserveAttestation.get().orElse(NONE);
    }

    @Override
    public String relayContract() {
        return headerRelay.get().orElse(NONE);
    }

    @Override
    public long currentEpoch() {
        return call(() -> GroupRegistry.load(core.registry(), client.web3j(), client.transactionManager(),
                client.gasProvider()).currentEpoch().send()).longValueExact();
    }

    @Override
    public long head() {
        return call(() -> client.web3j().ethBlockNumber().send().getBlockNumber()).longValueExact();
    }

    @Override
    public long wrappedSupplyAt(long block) {
        Function totalSupply = new Function("totalSupply", List.of(), List.of(new TypeReference<Uint256>() { }));
        String result = call(() -> client.web3j().ethCall(Transaction.createEthCallTransaction(client.address(),
                core.token(), FunctionEncoder.encode(totalSupply)),
                DefaultBlockParameter.valueOf(BigInteger.valueOf(block))).send().getValue());
        @SuppressWarnings("rawtypes")
        List<Type> decoded = FunctionReturnDecoder.decode(result, totalSupply.getOutputParameters());
        return ((BigInteger) decoded.get(0).getValue()).longValueExact();
    }

    @Override
    public long latestAttestedHeight() {
        return call(() -> reserves().latest().send().component1()).longValueExact();
    }

    @Override
    public RelayTip relayTip() {
        HeaderRelay relay = relay();
        return new RelayTip(call(() -> relay.bestHash().send()), call(() -> relay.bestHeight().send()).longValueExact());
    }

    @Override
    public void submitAttestation(long bitcoinHeight, byte[] blockHash, long reserves, long wrappedSupply, long epoch,
            byte[] groupSignature) {
        call(() -> reserves().attest(BigInteger.valueOf(bitcoinHeight), blockHash, BigInteger.valueOf(reserves),
                BigInteger.valueOf(wrappedSupply), BigInteger.valueOf(epoch), groupSignature).send());
    }

    @Override
    public void submitRelay(byte[] headers, long epoch, byte[] groupSignature) {
        call(() -> relay().relay(headers, BigInteger.valueOf(epoch), groupSignature).send());
    }

    private ReserveAttestation reserves() {
        String a = reserveAttestation.get()
                .orElseThrow(() -> new IllegalStateException("no reserve attestation contract known yet"));
        return ReserveAttestation.load(a, client.web3j(), client.transactionManager(), client.gasProvider());
    }

    private HeaderRelay relay() {
        String a = headerRelay.get().orElseThrow(() -> new IllegalStateException("no header relay contract known yet"));
        return HeaderRelay.load(a, client.web3j(), client.transactionManager(), client.gasProvider());
    }
}
