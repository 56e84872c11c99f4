// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./SynodSig.sol";
import "./GroupRegistry.sol";

/// @title Bitcoin block headers relayed by the group.
/// @notice A batch of consecutive 80-byte headers extends a header already known (the deployment's checkpoint or a
/// relayed one), is signed by the current epoch's group key, and is checked here where it is cheap: each header
/// links to the one before, its hash meets the target its own bits encode, and the bits are a valid positive target.
/// Difficulty retargeting is not checked (the group's signature vouches for it). The best chain is the one with the
/// most cumulative work, so a relayed fork can overtake the current tip. Hashes are in RPC display byte order.
contract HeaderRelay {
    error UnknownEpoch(uint64 epoch);
    error WrongSigner(address signer);
    error InvalidValue(string field);
    error UnknownParent(bytes32 parentHash);
    error BrokenLink(uint256 index);
    error InvalidTarget(uint256 index);
    error InsufficientWork(uint256 index);
    error AlreadyKnown(bytes32 blockHash);

    struct Header {
        uint64 height;
        uint256 chainWork;
    }

    uint256 public constant MAX_HEADERS = 100;
    bytes32 private constant NAME_HASH = keccak256("Synod HeaderRelay");
    bytes32 public constant RELAY_TYPEHASH = keccak256("RelayHeaders(bytes32 parentHash,bytes32 headersHash,uint64 epoch)");

    GroupRegistry public immutable registry;
    mapping(bytes32 => Header) private known;
    bytes32 public bestHash;
    uint64 public bestHeight;
    uint256 public bestChainWork;

    event HeadersRelayed(bytes32 indexed parentHash, bytes32 indexed tipHash, uint64 tipHeight, uint256 count, uint64 epoch);
    event BestChanged(bytes32 indexed tipHash, uint64 tipHeight);

    /// @param checkpointHash the display-order hash of a block the deployer trusts, at `checkpointHeight`
    constructor(GroupRegistry registry_, bytes32 checkpointHash, uint64 checkpointHeight) {
        if (address(registry_).code.length == 0) revert InvalidValue("registry");
        if (checkpointHash == bytes32(0)) revert InvalidValue("checkpoint");
        registry = registry_;
        // Work is counted from the checkpoint: 1 stands for everything before it.
        known[checkpointHash] = Header(checkpointHeight, 1);
        bestHash = checkpointHash;
        bestHeight = checkpointHeight;
        bestChainWork = 1;
    }

    function relay(bytes calldata headers, uint64 epoch, bytes calldata groupSignature) external {
        uint256 n = headers.length / 80;
        if (n == 0 || n > MAX_HEADERS || headers.length != n * 80) revert InvalidValue("headers");
        bytes32 parent = reverse(bytes32(headers[4:36]));
        Header memory prev = known[parent];
        if (prev.chainWork == 0) revert UnknownParent(parent);
        if (epoch != registry.currentEpoch()) revert UnknownEpoch(epoch);
        address signer = SynodSig.recover(relayDigest(parent, keccak256(headers), epoch), groupSignature);
        if (signer != registry.groupAddress(epoch)) revert WrongSigner(signer);

        bytes32 prevHash = parent;
        for (uint256 i = 0; i < n; i++) {
            bytes calldata h = headers[i * 80:(i + 1) * 80];
            if (reverse(bytes32(h[4:36])) != prevHash) revert BrokenLink(i);
            uint256 target = targetOf(uint32(uint8(h[72])) | uint32(uint8(h[73])) << 8 | uint32(uint8(h[74])) << 16
                | uint32(uint8(h[75])) << 24);
            if (target == 0) revert InvalidTarget(i);
            bytes32 hash = reverse(sha256(abi.encodePacked(sha256(h))));
            if (uint256(hash) > target) revert InsufficientWork(i);
            if (known[hash].chainWork != 0) revert AlreadyKnown(hash);
            prev = Header(prev.height + 1, prev.chainWork + (~target / (target + 1)) + 1);
            known[hash] = prev;
            prevHash = hash;
        }
        emit HeadersRelayed(parent, prevHash, prev.height, n, epoch);
        if (prev.chainWork > bestChainWork) {
            bestHash = prevHash;
            bestHeight = prev.height;
            bestChainWork = prev.chainWork;
            emit BestChanged(prevHash, prev.height);
        }
    }

    /// @return height the block's height, and its cumulative work since the checkpoint (0 when unknown)
    function headerOf(bytes32 blockHash) external view returns (uint64 height, uint256 chainWork) {
        Header memory h = known[blockHash];
        return (h.height, h.chainWork);
    }

    function relayDigest(bytes32 parentHash, bytes32 headersHash, uint64 epoch) public view returns (bytes32) {
        return SynodSig.digest(NAME_HASH, keccak256(abi.encode(RELAY_TYPEHASH, parentHash, headersHash, epoch)));
    }

    /// @return the target a header's compact `bits` encodes; 0 for a negative, zero or overflowing encoding
    function targetOf(uint32 bits) public pure returns (uint256) {
        uint256 exponent = bits >> 24;
        uint256 mantissa = bits & 0x007fffff;
        if (bits & 0x00800000 != 0 || mantissa == 0) return 0;
        if (exponent <= 3) return mantissa >> (8 * (3 - exponent));
        // Bitcoin Core's overflow rule: the target would not fit in 256 bits.
        if (exponent > 34 || (mantissa > 0xff && exponent > 33) || (mantissa > 0xffff && exponent > 32)) return 0;
        return mantissa << (8 * (exponent - 3));
    }

    function reverse(bytes32 v) internal pure returns (bytes32) {
        uint256 x = uint256(v);
        x = ((x & 0xFF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00) >> 8)
            | ((x & 0x00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF) << 8);
        x = ((x & 0xFFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000) >> 16)
            | ((x & 0x0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF) << 16);
        x = ((x & 0xFFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000) >> 32)
            | ((x & 0x00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF) << 32);
        x = ((x & 0xFFFFFFFFFFFFFFFF0000000000000000FFFFFFFFFFFFFFFF0000000000000000) >> 64)
            | ((x & 0x0000000000000000FFFFFFFFFFFFFFFF0000000000000000FFFFFFFFFFFFFFFF) << 64);
        x = (x >> 128) | (x << 128);
        return bytes32(x);
    }
}
