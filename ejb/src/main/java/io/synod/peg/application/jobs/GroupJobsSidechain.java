package io.synod.peg.application.jobs;

/** The group jobs' contracts and the figures they need, as this member's sidechain node answers. */
public interface GroupJobsSidechain {

    long chainId();

    String reserveContract();

    String relayContract();

    long currentEpoch();

    long head();

    /** The wrapped token's total supply as of sidechain block {@code block}. */
    long wrappedSupplyAt(long block);

    /** The Bitcoin height of the latest attestation (0 before the first). */
    long latestAttestedHeight();

    /** The relay's best header: its display-order hash and height. */
    RelayTip relayTip();

    void submitAttestation(long bitcoinHeight, byte[] blockHash, long reserves, long wrappedSupply, long epoch,
            byte[] groupSignature);

    void submitRelay(byte[] headers, long epoch, byte[] groupSignature);

    record RelayTip(byte[] hash, long height) {
    }
}
