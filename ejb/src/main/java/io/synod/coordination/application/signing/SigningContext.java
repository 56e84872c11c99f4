package io.synod.coordination.application.signing;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.synod.chain.bitcoin.BitcoinRpcClient;
import io.synod.chain.evm.EvmClient;
import io.synod.chain.evm.SynodDeployment;
import io.synod.membership.domain.FoundingSet;

/**
 * What a {@link VerifierSource} may build its verifiers from: this member's place in the signing epoch and its own
 * views of both chains. Everything here is this member's own (its node, its files), never something a proposer
 * sent, which is what lets a verifier check an action independently.
 *
 * @param epoch        the signing epoch (the key the group signs with)
 * @param self         this member's index in {@code members}
 * @param members      the roster of the epoch (index, identity and encryption keys, threshold t)
 * @param founders     the group's founding set (the founders' keys, also once they have left)
 * @param groupId      the genesis session id naming the group (32 bytes)
 * @param groupKey64   the group public key as x ‖ y (64 bytes), the form the contracts store
 * @param groupKey33   the group public key compressed (33 bytes), the form Bitcoin scripts use
 * @param sidechain    this member's sidechain client (its gas key signs submissions); owned by the node, not closed
 *                     by sources
 * @param contracts    the group's contracts once epoch 1 is recorded (empty before); read it at each check
 * @param boardHead    the sidechain block the signing core last saw
 * @param bitcoin      this member's Bitcoin node, if configured ({@code synod.bitcoin.rpc-url})
 * @param dataDir      this node's data directory
 */
public record SigningContext(long epoch, int self, FoundingSet members, FoundingSet founders, byte[] groupId, byte[] groupKey64,
        byte[] groupKey33, EvmClient sidechain, Supplier<Optional<SynodDeployment.Addresses>> contracts,
        LongSupplier boardHead, Optional<BitcoinRpcClient> bitcoin, Path dataDir) {

    public SigningContext {
        Objects.requireNonNull(members, "members");
        Objects.requireNonNull(founders, "founders");
        Objects.requireNonNull(sidechain, "sidechain");
        Objects.requireNonNull(contracts, "contracts");
        Objects.requireNonNull(boardHead, "boardHead");
        Objects.requireNonNull(bitcoin, "bitcoin");
        Objects.requireNonNull(dataDir, "dataDir");
        if (groupId.length != 32 || groupKey64.length != 64 || groupKey33.length != 33) {
            throw new IllegalArgumentException("group id, key (x||y) and compressed key must be 32, 64 and 33 bytes");
        }
        groupId = groupId.clone();
        groupKey64 = groupKey64.clone();
        groupKey33 = groupKey33.clone();
    }

    @Override
    public byte[] groupId() {
        return groupId.clone();
    }

    @Override
    public byte[] groupKey64() {
        return groupKey64.clone();
    }

    @Override
    public byte[] groupKey33() {
        return groupKey33.clone();
    }

    @Override
    public String toString() {
        return "SigningContext[epoch " + epoch + ", member " + self + " of " + members.size() + "]";
    }
}
