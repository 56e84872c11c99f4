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

    /**
     * The server's path (SigningNode): the contracts deployed with the group key and the founders' pending-stake
     * markers, the evidence contract left unbound until the group signs the binding in its own session
     * ({@link EvidenceBindingAction}); then anyone holding that signature binds it ({@link SynodDeployment#bind}).
     */
    public static SynodDeployment.Addresses deployUnbound(EvmClient client, byte[] groupKey64, FoundingSet founders,
            byte[] groupId) {
        return SynodDeployment.deployUnbound(client, new GenesisEpoch(groupKey64, founders.t(), founders.addresses(),
                pendingStakes(groupId, founders)));
    }

    /**
     * The stake slots of epoch 1. The registry takes a stake outpoint per member in its constructor, but the
     * founders can only pay stake to the group address once the key exists; so epoch 1 records, per founder, a
     * marker no Bitcoin transaction can have: txid H("SYNOD/genesis/stake-pending", group id, index), vout 0
     * (a hash preimage nobody knows; the registry refuses zero txids). The founders' real outpoints are recorded
     * afterwards by a group-signed rotation (docs/protocol.md, "Epoch 1 and the founders' stake").
     */
    public static List<Outpoint> pendingStakes(byte[] groupId, FoundingSet founders) {
        return java.util.Arrays.stream(founders.indices().indices())
                .mapToObj(i -> new Outpoint(new io.synod.chain.bitcoin.Txid(java.util.HexFormat.of().formatHex(
                        io.synod.threshold.math.Hashing.hash("SYNOD/genesis/stake-pending", groupId,
                                io.synod.threshold.math.Hashing.u16(i)))), 0))
                .toList();
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
