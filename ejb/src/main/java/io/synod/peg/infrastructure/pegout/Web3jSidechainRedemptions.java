package io.synod.peg.infrastructure.pegout;

import static io.synod.peg.infrastructure.pegout.SidechainCall.call;

import java.math.BigInteger;

import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.SynodDeployment;
import io.synod.peg.application.pegout.SidechainRedemptions;

/** The redemption contract and registry of a {@link SynodDeployment}, through this member's sidechain client. */
public final class Web3jSidechainRedemptions implements SidechainRedemptions {

    /** {@code Redemption.Status.Completed}. */
    private static final BigInteger COMPLETED = BigInteger.TWO;

    private final EvmClient client;
    private final SynodDeployment deployment;

    public Web3jSidechainRedemptions(EvmClient client, SynodDeployment deployment) {
        this.client = client;
        this.deployment = deployment;
    }

    @Override
    public String contract() {
        return deployment.addresses().redemption();
    }

    @Override
    public long chainId() {
        return client.chainId();
    }

    @Override
    public long currentEpoch() {
        return call(() -> deployment.registry().currentEpoch().send()).longValueExact();
    }

    @Override
    public boolean isCompleted(long sequence) {
        return COMPLETED.equals(call(() -> deployment.redemption().requests(BigInteger.valueOf(sequence)).send()
                .component4()));
    }

    @Override
    public java.util.Optional<String> completedTxid(long sequence) {
        var r = call(() -> deployment.redemption().requests(BigInteger.valueOf(sequence)).send());
        return COMPLETED.equals(r.component4()) ? java.util.Optional.of(java.util.HexFormat.of().formatHex(r.component5()))
                : java.util.Optional.empty();
    }

    @Override
    public void complete(java.util.List<Long> sequences, byte[] payoutTxid, long epoch, byte[] groupSignature) {
        call(() -> deployment.redemption().completeRedemptions(sequences.stream().map(BigInteger::valueOf).toList(),
                payoutTxid, BigInteger.valueOf(epoch), groupSignature).send());
    }

    @Override
    public long head() {
        return call(() -> client.web3j().ethBlockNumber().send().getBlockNumber()).longValueExact();
    }
}
