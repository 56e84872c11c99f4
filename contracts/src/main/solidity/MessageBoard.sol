// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./SynodSig.sol";
import "./GroupRegistry.sol";

/// @title The group's broadcast channel: one ordered log of protocol messages every member reads alike.
/// @notice A message is signed by an active member's (or an open candidate's) identity key (anyone may relay it). Private payloads are
/// encrypted off chain to `recipient`; messages for everyone carry `BROADCAST` (the zero address is refused).
contract MessageBoard {
    error InvalidValue(string field);
    error NotActiveMember(address signer);
    error AlreadyPosted(bytes32 digest);

    address public constant BROADCAST = address(type(uint160).max);
    bytes32 private constant NAME_HASH = keccak256("Synod MessageBoard");
    bytes32 public constant MESSAGE_TYPEHASH =
        keccak256("BoardMessage(bytes32 sessionId,uint32 round,address recipient,bytes32 payloadHash)");

    GroupRegistry public immutable registry;
    uint256 public lastSequence;
    /// keccak256(abi.encode(digest, signer)) of every message posted, so a relayed copy cannot be replayed.
    mapping(bytes32 => bool) public posted;

    event MessagePosted(
        bytes32 indexed sessionId,
        uint32 indexed round,
        address indexed sender,
        address recipient,
        uint256 sequence,
        bytes payload
    );

    constructor(GroupRegistry registry_) {
        if (address(registry_).code.length == 0) revert InvalidValue("registry");
        registry = registry_;
    }

    function post(bytes32 sessionId, uint32 round, address recipient, bytes calldata payload, bytes calldata signature)
        external
        returns (uint256 sequence)
    {
        if (sessionId == bytes32(0)) revert InvalidValue("sessionId");
        if (round == 0) revert InvalidValue("round");
        if (recipient == address(0)) revert InvalidValue("recipient");
        if (payload.length == 0) revert InvalidValue("payload");
        bytes32 d = messageDigest(sessionId, round, recipient, keccak256(payload));
        address signer = SynodSig.recover(d, signature);
        // Keyed by signer too: two members may legitimately send identical content.
        bytes32 key = keccak256(abi.encode(d, signer));
        if (posted[key]) revert AlreadyPosted(d);
        if (!registry.mayPost(signer)) revert NotActiveMember(signer);
        if (recipient != BROADCAST && !registry.mayPost(recipient)) revert NotActiveMember(recipient);
        posted[key] = true;
        sequence = ++lastSequence;
        emit MessagePosted(sessionId, round, signer, recipient, sequence, payload);
    }

    function messageDigest(bytes32 sessionId, uint32 round, address recipient, bytes32 payloadHash)
        public
        view
        returns (bytes32)
    {
        return SynodSig.digest(NAME_HASH, keccak256(abi.encode(MESSAGE_TYPEHASH, sessionId, round, recipient, payloadHash)));
    }
}
