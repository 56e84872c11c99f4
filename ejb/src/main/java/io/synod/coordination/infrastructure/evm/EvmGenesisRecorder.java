package io.synod.coordination.infrastructure.evm;

import java.util.List;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.GenesisEpoch;
import io.synod.chain.evm.GroupSigner;
import io.synod.chain.evm.SynodDeployment;
import io.synod.coordination.application.RecordedEpoch;
import io.synod.coordination.domain.GenesisResult;
import io.synod.membership.domain.FoundingSet;

/**
 * Records genesis as the registry defines it: epoch 1 is written by the registry's constructor, so recording is
 * deploying the group's contracts ({@link SynodDeployment#deploy}) with the generated key, the degree t and the
 * founders' identities; the deployment binds the evidence contract with a first group signature, which the
 * registry checks on chain (ecrecover against the address of the recorded key). Any member may do it; the others
 * only read what was recorded ({@link #read}) and compare it with their own result.
 */
public final class EvmGenesisRecorder {
    private EvmGenesisRecorder() {
    }

    public static SynodDeployment record(EvmClient client, GenesisResult result, FoundingSet founders,
            List<Outpoint> stakes, GroupSigner groupSigner) {
        GenesisEpoch genesis = new GenesisEpoch(result.publicKey64(), founders.t(), founders.addresses(), stakes);
        return SynodDeployment.deploy(client, genesis, groupSigner);
    }

    /** Epoch 1 as the registry at the pinned addresses holds it (after the deployment's self-check). */
    public static RecordedEpoch read(EvmClient client, SynodDeployment.Addresses addresses) {
        SynodDeployment d = SynodDeployment.attach(client, addresses);
        try {
            var one = java.math.BigInteger.ONE;
            return new RecordedEpoch(1, d.registry().groupPublicKey(one).send(),
                    d.registry().threshold(one).send().intValueExact(), d.registry().members(one).send());
        } catch (Exception e) {
            throw new BoardException("reading epoch 1 from registry " + addresses.registry() + " failed", e);
        }
    }
}
