// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./SynodSig.sol";
import "./GroupRegistry.sol";
import "./WrappedBTC.sol";

/// @title Peg-out requests: burn wrapped units against a standard Bitcoin output script.
/// @notice Only P2PKH, P2SH, P2WPKH and P2WSH scripts of exact length are accepted, at or above their dust limit,
/// so the group can always pay what was burnt. Completion records the Bitcoin txid under a group signature, once
/// for all the redemptions one payout pays (a signing session is the group's scarcest resource).
contract Redemption {
    error BadScript();
    error BelowDust(uint256 amount, uint256 dustLimit);
    error UnknownRedemption(uint256 sequence);
    error NotPending(uint256 sequence);
    error UnknownEpoch(uint64 epoch);
    error WrongSigner(address signer);
    error InvalidValue(string field);
    error EmptyBatch();
    error BatchTooLarge(uint256 count, uint256 max);
    error NotAscending(uint256 index, uint256 sequence);

    enum Status { None, Pending, Completed }

    struct Request {
        address requester;
        uint256 amount;
        bytes32 scriptHash;
        Status status;
        bytes32 bitcoinTxid;
    }

    bytes32 private constant NAME_HASH = keccak256("Synod Redemption");
    bytes32 public constant COMPLETE_TYPEHASH =
        keccak256("CompleteRedemptions(uint256[] sequences,bytes32 bitcoinTxid,uint64 epoch)");
    /// The most redemptions one completion names. At least the largest payout the peg builds (synod.peg.max-batch,
    /// 20 by default, refused above this), and small enough that a full completion (about 29k gas a redemption, two
    /// storage writes and an event) stays well under the members' 6M transaction gas limit.
    uint256 public constant MAX_BATCH = 128;

    // Bitcoin Core's dust limits at the default 3 sat/vB dust relay fee.
    uint256 public constant DUST_P2PKH = 546;
    uint256 public constant DUST_P2SH = 540;
    uint256 public constant DUST_P2WPKH = 294;
    uint256 public constant DUST_P2WSH = 330;

    GroupRegistry public immutable registry;
    WrappedBTC public immutable token;
    uint256 public lastSequence;
    mapping(uint256 => Request) public requests;

    event RedemptionRequested(uint256 indexed sequence, address indexed requester, uint256 amount, bytes outputScript);
    event RedemptionCompleted(uint256 indexed sequence, bytes32 bitcoinTxid, uint64 epoch);

    constructor(GroupRegistry registry_, WrappedBTC token_) {
        if (address(registry_).code.length == 0) revert InvalidValue("registry");
        if (address(token_).code.length == 0 || address(token_.registry()) != address(registry_)) revert InvalidValue("token");
        registry = registry_;
        token = token_;
    }

    /// @notice Burns `amount` of the caller's units (needs an allowance to this contract) and queues a payout.
    function requestRedemption(uint256 amount, bytes calldata bitcoinOutputScript) external returns (uint256 sequence) {
        uint256 dust = dustLimit(bitcoinOutputScript);
        if (amount < dust) revert BelowDust(amount, dust);
        token.burnFrom(msg.sender, amount);
        sequence = ++lastSequence;
        requests[sequence] = Request(msg.sender, amount, keccak256(bitcoinOutputScript), Status.Pending, bytes32(0));
        emit RedemptionRequested(sequence, msg.sender, amount, bitcoinOutputScript);
    }

    /// @notice Records that Bitcoin transaction `bitcoinTxid` paid every listed redemption. All or nothing: one
    /// unknown or already completed sequence reverts the whole call, so a replay or an overlap changes nothing.
    /// @param sequences strictly increasing, so that each set of redemptions has exactly one signed encoding.
    function completeRedemptions(
        uint256[] calldata sequences,
        bytes32 bitcoinTxid,
        uint64 epoch,
        bytes calldata groupSignature
    ) external {
        uint256 n = sequences.length;
        if (n == 0) revert EmptyBatch();
        if (n > MAX_BATCH) revert BatchTooLarge(n, MAX_BATCH);
        for (uint256 i = 1; i < n; i++) {
            if (sequences[i] <= sequences[i - 1]) revert NotAscending(i, sequences[i]);
        }
        if (bitcoinTxid == bytes32(0)) revert InvalidValue("txid");
        if (epoch != registry.currentEpoch()) revert UnknownEpoch(epoch);
        address signer = SynodSig.recover(completeDigest(sequences, bitcoinTxid, epoch), groupSignature);
        if (signer != registry.groupAddress(epoch)) revert WrongSigner(signer);
        for (uint256 i = 0; i < n; i++) {
            uint256 sequence = sequences[i];
            Request storage r = requests[sequence];
            if (r.status == Status.None) revert UnknownRedemption(sequence);
            if (r.status != Status.Pending) revert NotPending(sequence);
            r.status = Status.Completed;
            r.bitcoinTxid = bitcoinTxid;
            emit RedemptionCompleted(sequence, bitcoinTxid, epoch);
        }
    }

    /// @dev EIP-712 encodes a uint256[] member as the keccak of its elements' 32-byte words, concatenated.
    function completeDigest(uint256[] calldata sequences, bytes32 bitcoinTxid, uint64 epoch)
        public
        view
        returns (bytes32)
    {
        bytes32 sequencesHash = keccak256(abi.encodePacked(sequences));
        return SynodSig.digest(NAME_HASH, keccak256(abi.encode(COMPLETE_TYPEHASH, sequencesHash, bitcoinTxid, epoch)));
    }

    /// @return the dust limit of a standard script; reverts with BadScript for anything else.
    function dustLimit(bytes calldata s) public pure returns (uint256) {
        uint256 n = s.length;
        if (n == 25 && s[0] == 0x76 && s[1] == 0xa9 && s[2] == 0x14 && s[23] == 0x88 && s[24] == 0xac) {
            return DUST_P2PKH;
        }
        if (n == 23 && s[0] == 0xa9 && s[1] == 0x14 && s[22] == 0x87) return DUST_P2SH;
        if (n == 22 && s[0] == 0x00 && s[1] == 0x14) return DUST_P2WPKH;
        if (n == 34 && s[0] == 0x00 && s[1] == 0x20) return DUST_P2WSH;
        revert BadScript();
    }
}
