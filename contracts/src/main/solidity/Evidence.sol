// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./SynodSig.sol";
import "./GroupRegistry.sol";
import "./MessageBoard.sol";

/// @title Misbehaviour proofs that anyone can submit; a valid proof confiscates the culprit's stake in the registry.
/// @notice Equivocation: two different payloads for the same session, round and recipient, both signed by one
/// member's identity key under the message board's EIP-712 domain. Each proof is self-contained and checked here.
contract Evidence {
    error NotEquivocation();
    error DifferentSigners(address a, address b);
    error InvalidValue(string field);

    bytes32 public constant EQUIVOCATION = keccak256("equivocation");

    GroupRegistry public immutable registry;
    MessageBoard public immutable board;

    event EquivocationProven(address indexed culprit, bytes32 indexed sessionId, uint32 round, bytes32 payloadHashA, bytes32 payloadHashB);

    constructor(GroupRegistry registry_, MessageBoard board_) {
        if (address(registry_).code.length == 0) revert InvalidValue("registry");
        if (address(board_).code.length == 0 || address(board_.registry()) != address(registry_)) revert InvalidValue("board");
        registry = registry_;
        board = board_;
    }

    function proveEquivocation(
        bytes32 sessionId,
        uint32 round,
        address recipient,
        bytes32 payloadHashA,
        bytes calldata signatureA,
        bytes32 payloadHashB,
        bytes calldata signatureB
    ) external {
        if (sessionId == bytes32(0) || round == 0 || recipient == address(0)) revert InvalidValue("message");
        if (payloadHashA == payloadHashB) revert NotEquivocation();
        address a = SynodSig.recover(board.messageDigest(sessionId, round, recipient, payloadHashA), signatureA);
        address b = SynodSig.recover(board.messageDigest(sessionId, round, recipient, payloadHashB), signatureB);
        if (a != b) revert DifferentSigners(a, b);
        registry.confiscate(a, EQUIVOCATION);
        emit EquivocationProven(a, sessionId, round, payloadHashA, payloadHashB);
    }
}
