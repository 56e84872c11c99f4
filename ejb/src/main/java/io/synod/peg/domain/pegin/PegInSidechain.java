package io.synod.peg.domain.pegin;

import java.util.List;
import java.util.Optional;

import io.synod.chain.bitcoin.Outpoint;
import io.synod.shared.domain.Satoshis;

/** What the peg-in needs from the sidechain, as this member reads it from its own node. */
public interface PegInSidechain {

    /** A DepositRevealed event, in chain order. */
    record Reveal(String revealId, String recipient, byte[] nonce, byte[] refundPublicKey, long refundHeight,
            long block) {
    }

    /** Where a mint happened: the transaction and block that carry the Minted event. */
    record MintEvidence(String txHash, long block) {
    }

    /** The sidechain's latest block number. */
    long blockNumber();

    /** Reveals in blocks [fromBlock, toBlock]. */
    List<Reveal> reveals(long fromBlock, long toBlock);

    boolean isMinted(Outpoint outpoint);

    /** The Minted event of this outpoint, if the sidechain has one. */
    Optional<MintEvidence> mintEvidence(Outpoint outpoint);

    long currentEpoch();

    /** The EIP-712 digest this member computes itself for a mint on its known token address and chain id. */
    byte[] mintDigest(MintAction action);

    /** Sends the mint and waits for it to be mined; returns the transaction hash, throws if it reverted. */
    String submitMint(MintAction action, byte[] groupSignature);

    Satoshis totalSupply();
}
