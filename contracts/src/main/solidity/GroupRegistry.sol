// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./SynodSig.sol";

/// @title The consensus group's epochs: group key, members, their stake outpoints and the signing threshold.
/// @notice Epoch 1 is set at deployment; every later epoch must be signed by the group key of the epoch before it.
/// The evidence contract, bound once by a group signature, is the only caller allowed to confiscate a member.
contract GroupRegistry {
    error UnknownEpoch(uint64 epoch);
    error NotAuthorised(address signer);
    error InvalidEpoch(string reason);
    error EvidenceAlreadyBound();
    error NotEvidence(address caller);
    error NotActiveMember(address member);

    struct Epoch {
        address groupAddress;
        uint16 threshold;
        bytes groupPublicKey;
        address[] members;
        bytes32[] stakeTxids;
        uint32[] stakeVouts;
    }

    bytes32 private constant NAME_HASH = keccak256("Synod GroupRegistry");
    bytes32 public constant EPOCH_TYPEHASH = keccak256(
        "EpochChange(uint64 epoch,bytes groupPublicKey,uint16 threshold,address[] members,bytes32[] stakeTxids,uint32[] stakeVouts)"
    );
    bytes32 public constant BIND_TYPEHASH = keccak256("BindEvidence(address evidence,uint64 epoch)");

    uint64 public currentEpoch;
    address public evidence;
    mapping(uint64 => Epoch) private epochs;
    mapping(uint64 => mapping(address => bool)) public isMemberOf;
    mapping(address => bool) public confiscated;

    event EpochStarted(uint64 indexed epoch, address indexed groupAddress, uint16 threshold, address[] members);
    event EvidenceBound(address indexed evidence);
    event MemberConfiscated(address indexed member, uint64 indexed epoch, bytes32 reason);

    constructor(
        bytes memory groupPublicKey_,
        uint16 threshold_,
        address[] memory members_,
        bytes32[] memory stakeTxids,
        uint32[] memory stakeVouts
    ) {
        _start(1, groupPublicKey_, threshold_, members_, stakeTxids, stakeVouts);
    }

    /// @notice Starts epoch `currentEpoch + 1`, authorised by the current group's signature over the new epoch.
    function rotate(
        uint64 epoch,
        bytes calldata groupPublicKey_,
        uint16 threshold_,
        address[] calldata members_,
        bytes32[] calldata stakeTxids,
        uint32[] calldata stakeVouts,
        bytes calldata groupSignature
    ) external {
        if (epoch != currentEpoch + 1) revert UnknownEpoch(epoch);
        bytes32 d = epochDigest(epoch, groupPublicKey_, threshold_, members_, stakeTxids, stakeVouts);
        address signer = SynodSig.recover(d, groupSignature);
        if (signer != epochs[currentEpoch].groupAddress) revert NotAuthorised(signer);
        _start(epoch, groupPublicKey_, threshold_, members_, stakeTxids, stakeVouts);
    }

    /// @notice Binds the evidence contract once, authorised by the current group's signature.
    function bindEvidence(address evidenceContract, bytes calldata groupSignature) external {
        if (evidence != address(0)) revert EvidenceAlreadyBound();
        if (evidenceContract == address(0) || evidenceContract.code.length == 0) revert InvalidEpoch("evidence");
        bytes32 d = SynodSig.digest(NAME_HASH, keccak256(abi.encode(BIND_TYPEHASH, evidenceContract, currentEpoch)));
        address signer = SynodSig.recover(d, groupSignature);
        if (signer != epochs[currentEpoch].groupAddress) revert NotAuthorised(signer);
        evidence = evidenceContract;
        emit EvidenceBound(evidenceContract);
    }

    /// @notice Called by the evidence contract once a misbehaviour proof has been verified.
    function confiscate(address member, bytes32 reason) external {
        if (msg.sender != evidence || msg.sender == address(0)) revert NotEvidence(msg.sender);
        if (!isActiveMember(member)) revert NotActiveMember(member);
        confiscated[member] = true;
        emit MemberConfiscated(member, currentEpoch, reason);
    }

    function isActiveMember(address member) public view returns (bool) {
        return isMemberOf[currentEpoch][member] && !confiscated[member];
    }

    function groupAddress(uint64 epoch) external view returns (address) {
        return _epoch(epoch).groupAddress;
    }

    function groupPublicKey(uint64 epoch) external view returns (bytes memory) {
        return _epoch(epoch).groupPublicKey;
    }

    function threshold(uint64 epoch) external view returns (uint16) {
        return _epoch(epoch).threshold;
    }

    function members(uint64 epoch) external view returns (address[] memory) {
        return _epoch(epoch).members;
    }

    function stakeOutpoint(uint64 epoch, uint256 index) external view returns (bytes32 txid, uint32 vout) {
        Epoch storage e = _epoch(epoch);
        return (e.stakeTxids[index], e.stakeVouts[index]);
    }

    function epochDigest(
        uint64 epoch,
        bytes calldata groupPublicKey_,
        uint16 threshold_,
        address[] calldata members_,
        bytes32[] calldata stakeTxids,
        uint32[] calldata stakeVouts
    ) public view returns (bytes32) {
        bytes32 structHash = keccak256(
            abi.encode(
                EPOCH_TYPEHASH,
                epoch,
                keccak256(groupPublicKey_),
                threshold_,
                keccak256(abi.encodePacked(members_)),
                keccak256(abi.encodePacked(stakeTxids)),
                keccak256(abi.encodePacked(stakeVouts))
            )
        );
        return SynodSig.digest(NAME_HASH, structHash);
    }

    function _epoch(uint64 epoch) private view returns (Epoch storage e) {
        if (epoch == 0 || epoch > currentEpoch) revert UnknownEpoch(epoch);
        e = epochs[epoch];
    }

    function _start(
        uint64 epoch,
        bytes memory groupPublicKey_,
        uint16 threshold_,
        address[] memory members_,
        bytes32[] memory stakeTxids,
        uint32[] memory stakeVouts
    ) private {
        if (groupPublicKey_.length != 64) revert InvalidEpoch("group key length");
        address group = address(uint160(uint256(keccak256(groupPublicKey_))));
        uint256 n = members_.length;
        if (n == 0) revert InvalidEpoch("no members");
        if (threshold_ == 0 || threshold_ > n) revert InvalidEpoch("threshold");
        if (stakeTxids.length != n || stakeVouts.length != n) revert InvalidEpoch("stake count");
        for (uint256 i = 0; i < n; i++) {
            address m = members_[i];
            if (m == address(0) || m == group) revert InvalidEpoch("member");
            if (isMemberOf[epoch][m]) revert InvalidEpoch("duplicate member");
            if (confiscated[m]) revert InvalidEpoch("confiscated member");
            if (stakeTxids[i] == bytes32(0)) revert InvalidEpoch("stake outpoint");
            isMemberOf[epoch][m] = true;
        }
        Epoch storage e = epochs[epoch];
        e.groupAddress = group;
        e.threshold = threshold_;
        e.groupPublicKey = groupPublicKey_;
        e.members = members_;
        e.stakeTxids = stakeTxids;
        e.stakeVouts = stakeVouts;
        currentEpoch = epoch;
        emit EpochStarted(epoch, group, threshold_, members_);
    }
}
