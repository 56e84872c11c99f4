// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./SynodSig.sol";
import "./GroupRegistry.sol";
import "./WrappedBTC.sol";

/// @title Proof of reserves: the group attests that its Bitcoin outputs total at least the wrapped supply.
/// @notice Each attestation names the Bitcoin block it was computed at (height and hash), the reserves the members
/// counted there and the wrapped supply they saw, and is signed by the current epoch's group key. The contract also
/// holds the attestation to the live supply at submission, so a stale attestation cannot hide later mints. Heights
/// only move forward: an old attestation cannot be replayed over a newer one.
contract ReserveAttestation {
    error UnknownEpoch(uint64 epoch);
    error WrongSigner(address signer);
    error StaleAttestation(uint64 bitcoinHeight, uint64 latestHeight);
    error InsufficientReserves(uint256 reserves, uint256 wrappedSupply);
    error InvalidValue(string field);

    struct Attestation {
        uint64 bitcoinHeight;
        bytes32 bitcoinBlockHash;
        uint256 reserves;
        uint256 wrappedSupply;
        uint64 epoch;
        uint64 sidechainBlock;
    }

    bytes32 private constant NAME_HASH = keccak256("Synod ReserveAttestation");
    bytes32 public constant ATTEST_TYPEHASH = keccak256(
        "AttestReserves(uint64 bitcoinHeight,bytes32 bitcoinBlockHash,uint256 reserves,uint256 wrappedSupply,uint64 epoch)"
    );

    GroupRegistry public immutable registry;
    WrappedBTC public immutable token;
    Attestation public latest;
    uint256 public count;

    event ReservesAttested(
        uint64 indexed bitcoinHeight, bytes32 bitcoinBlockHash, uint256 reserves, uint256 wrappedSupply, uint64 epoch
    );

    constructor(GroupRegistry registry_, WrappedBTC token_) {
        if (address(registry_).code.length == 0) revert InvalidValue("registry");
        if (address(token_).code.length == 0 || address(token_.registry()) != address(registry_)) revert InvalidValue("token");
        registry = registry_;
        token = token_;
    }

    function attest(
        uint64 bitcoinHeight,
        bytes32 bitcoinBlockHash,
        uint256 reserves,
        uint256 wrappedSupply,
        uint64 epoch,
        bytes calldata groupSignature
    ) external {
        if (bitcoinBlockHash == bytes32(0)) revert InvalidValue("block hash");
        if (bitcoinHeight <= latest.bitcoinHeight) revert StaleAttestation(bitcoinHeight, latest.bitcoinHeight);
        if (epoch != registry.currentEpoch()) revert UnknownEpoch(epoch);
        bytes32 d = attestDigest(bitcoinHeight, bitcoinBlockHash, reserves, wrappedSupply, epoch);
        address signer = SynodSig.recover(d, groupSignature);
        if (signer != registry.groupAddress(epoch)) revert WrongSigner(signer);
        if (reserves < wrappedSupply) revert InsufficientReserves(reserves, wrappedSupply);
        uint256 live = token.totalSupply();
        if (reserves < live) revert InsufficientReserves(reserves, live);
        latest = Attestation(bitcoinHeight, bitcoinBlockHash, reserves, wrappedSupply, epoch, uint64(block.number));
        count += 1;
        emit ReservesAttested(bitcoinHeight, bitcoinBlockHash, reserves, wrappedSupply, epoch);
    }

    function attestDigest(
        uint64 bitcoinHeight,
        bytes32 bitcoinBlockHash,
        uint256 reserves,
        uint256 wrappedSupply,
        uint64 epoch
    ) public view returns (bytes32) {
        return SynodSig.digest(
            NAME_HASH,
            keccak256(abi.encode(ATTEST_TYPEHASH, bitcoinHeight, bitcoinBlockHash, reserves, wrappedSupply, epoch))
        );
    }
}
