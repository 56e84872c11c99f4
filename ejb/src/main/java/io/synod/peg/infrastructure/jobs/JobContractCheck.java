package io.synod.peg.infrastructure.jobs;

import static io.synod.peg.infrastructure.pegout.SidechainCall.call;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.utils.Numeric;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.bitcoin.BlockHeight;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.SynodDeployment;
import io.synod.chain.evm.contracts.HeaderRelay;
import io.synod.chain.evm.contracts.ReserveAttestation;

/**
 * Whether a contract a proposer names is a genuine group-job contract of this group, judged from this member's own
 * nodes before it adopts the contract: the code at the address must be, byte for byte, the code this member's node
 * produces when it runs the contract's creation code bound to the group's registry (and token) in an
 * {@code eth_call}; so no look-alike contract, and none bound to another registry, gets the group's signature. A relay
 * must also stand on this member's Bitcoin chain: its best header is this node's block at that height.
 */
public final class JobContractCheck {

    private final EvmClient client;
    private final SynodDeployment.Addresses core;
    private final BitcoinRpcClient bitcoin;

    public JobContractCheck(EvmClient client, SynodDeployment.Addresses core, BitcoinRpcClient bitcoin) {
        this.client = client;
        this.core = core;
        this.bitcoin = bitcoin;
    }

    /** Empty if {@code address} holds the group's attestation contract; else why not. */
    public Optional<String> reserveAttestation(String address) {
        String init = ReserveAttestation.BINARY + FunctionEncoder.encodeConstructor(
                List.of(new Address(core.registry()), new Address(core.token())));
        return sameCode(address, init, "reserve attestation");
    }

    /** Empty if {@code address} holds the group's header relay, standing on this member's chain; else why not. */
    public Optional<String> headerRelay(String address) {
        // The checkpoint lives in storage, not in the code: any non-zero one yields the same runtime code.
        byte[] anyCheckpoint = new byte[32];
        anyCheckpoint[31] = 1;
        String init = HeaderRelay.BINARY + FunctionEncoder.encodeConstructor(List.of(new Address(core.registry()),
                new Bytes32(anyCheckpoint), new Uint64(BigInteger.ZERO)));
        Optional<String> code = sameCode(address, init, "header relay");
        if (code.isPresent()) {
            return code;
        }
        HeaderRelay relay = HeaderRelay.load(address, client.web3j(), client.transactionManager(), client.gasProvider());
        byte[] best = call(() -> relay.bestHash().send());
        long height = call(() -> relay.bestHeight().send()).longValueExact();
        if (height > bitcoin.getBlockCount().value()) {
            return Optional.of("the relay's best height " + height + " is above this member's Bitcoin tip");
        }
        byte[] mine = HexFormat.of().parseHex(bitcoin.getBlockHash(BlockHeight.of(height)).hex());
        return Arrays.equals(mine, best) ? Optional.empty()
                : Optional.of("the relay's best header at " + height + " is not this member's block");
    }

    private Optional<String> sameCode(String address, String init, String what) {
        String deployed = call(() -> client.web3j().ethGetCode(address, DefaultBlockParameterName.LATEST).send()
                .getCode());
        String expected = call(() -> client.web3j().ethCall(Transaction.createEthCallTransaction(client.address(), null,
                Numeric.prependHexPrefix(init)), DefaultBlockParameterName.LATEST).send().getValue());
        if (expected == null || expected.length() <= 2) {
            throw new IllegalStateException("this member's node did not produce the " + what + " code");
        }
        return expected.equalsIgnoreCase(deployed) ? Optional.empty()
                : Optional.of(address + " does not hold the group's " + what + " code");
    }
}
