// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./SynodSig.sol";

/// @title The consensus group's epochs: group key, members, their stake outpoints and the signing threshold.
/// @notice Epoch 1 is set at deployment; every later epoch must be signed by the group key of the epoch before it.
/// The evidence contract, bound once by a group signature, is the only caller allowed to confiscate a member.
/// Membership changes: a candidate registers its identity key, encryption key and stake outpoint (signed by the
/// identity key); an active member may ask to leave. Either takes effect only when the group rotates to an epoch
/// that admits the candidate or omits the member; a member omitted without having asked to leave is excluded.
/// Member indices are permanent: founders get 1..n, each admitted candidate the next unused index.
contract GroupRegistry {
    error UnknownEpoch(uint64 epoch);
    error NotAuthorised(address signer);
    error InvalidEpoch(string reason);
    error EvidenceAlreadyBound();
    error NotEvidence(address caller);
    error NotActiveMember(address member);
    error InvalidCandidate(string reason);
    error StakeInUse(bytes32 txid, uint32 vout, address holder);
    error LeaveAlreadyRequested(address member);

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
    bytes32 public constant CANDIDACY_TYPEHASH = keccak256(
        "Candidacy(bytes identityKey,bytes encryptionKey,bytes32 stakeTxid,uint32 stakeVout)"
    );

    /// A registered candidate, open until an epoch admits it.
    struct Candidate {
        bytes identityKey;
        bytes encryptionKey;
        bytes32 stakeTxid;
        uint32 stakeVout;
        uint64 registeredInEpoch;
        bool open;
    }

    uint64 public currentEpoch;
    address public evidence;
    mapping(uint64 => Epoch) private epochs;
    mapping(uint64 => mapping(address => bool)) public isMemberOf;
    mapping(address => bool) public confiscated;
    /// Permanent member index (1-based; 0 = never a member). Indices name members in the threshold protocols.
    mapping(address => uint16) public memberIndex;
    uint16 public nextIndex = 1;
    mapping(address => Candidate) private candidates;
    address[] private candidateList;
    /// keccak256(txid, vout) of every stake outpoint named by a member or candidate, and who named it.
    mapping(bytes32 => address) public stakeHolder;
    /// The epoch in which an active member asked to leave (0: never asked).
    mapping(address => uint64) public leaveRequestedIn;

    event EpochStarted(uint64 indexed epoch, address indexed groupAddress, uint16 threshold, address[] members);
    event EvidenceBound(address indexed evidence);
    event MemberConfiscated(address indexed member, uint64 indexed epoch, bytes32 reason);
    event CandidateRegistered(
        address indexed candidate, bytes identityKey, bytes encryptionKey, bytes32 stakeTxid, uint32 stakeVout
    );
    event CandidateAdmitted(address indexed candidate, uint64 indexed epoch, uint16 memberIndex);
    event LeaveRequested(address indexed member, uint64 indexed epoch);
    event MemberLeft(address indexed member, uint64 indexed epoch);
    event MemberExcluded(address indexed member, uint64 indexed epoch);

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

    /// @notice A candidate asks to join: its identity key (x ‖ y), ECIES encryption key (33-byte compressed) and the
    /// stake outpoint it paid to the group address, all signed by the identity key (anyone may relay). The members
    /// verify the stake on Bitcoin before admitting the candidate by resharing; this contract only refuses what it
    /// can see: a bad signature, a present or confiscated member, a second registration, a stake already named.
    function registerCandidate(
        bytes calldata identityKey,
        bytes calldata encryptionKey,
        bytes32 stakeTxid,
        uint32 stakeVout,
        bytes calldata signature
    ) external {
        if (identityKey.length != 64) revert InvalidCandidate("identity key length");
        if (encryptionKey.length != 33 || (encryptionKey[0] != 0x02 && encryptionKey[0] != 0x03)) {
            revert InvalidCandidate("encryption key");
        }
        if (stakeTxid == bytes32(0)) revert InvalidCandidate("stake outpoint");
        address candidate = address(uint160(uint256(keccak256(identityKey))));
        address signer = SynodSig.recover(candidacyDigest(identityKey, encryptionKey, stakeTxid, stakeVout), signature);
        if (signer != candidate) revert NotAuthorised(signer);
        if (candidate == epochs[currentEpoch].groupAddress) revert InvalidCandidate("group key");
        if (isMemberOf[currentEpoch][candidate]) revert InvalidCandidate("already a member");
        if (confiscated[candidate]) revert InvalidCandidate("confiscated");
        if (candidates[candidate].open) revert InvalidCandidate("already registered");
        bytes32 stake = stakeKey(stakeTxid, stakeVout);
        address holder = stakeHolder[stake];
        if (holder != address(0)) revert StakeInUse(stakeTxid, stakeVout, holder);
        stakeHolder[stake] = candidate;
        candidates[candidate] = Candidate(identityKey, encryptionKey, stakeTxid, stakeVout, currentEpoch, true);
        candidateList.push(candidate);
        emit CandidateRegistered(candidate, identityKey, encryptionKey, stakeTxid, stakeVout);
    }

    /// @notice An active member asks to leave; the group reshares without it and then returns its stake.
    function requestLeave() external {
        if (!isActiveMember(msg.sender)) revert NotActiveMember(msg.sender);
        if (leaveRequestedIn[msg.sender] != 0) revert LeaveAlreadyRequested(msg.sender);
        leaveRequestedIn[msg.sender] = currentEpoch;
        emit LeaveRequested(msg.sender, currentEpoch);
    }

    function candidateOf(address who)
        external
        view
        returns (bytes memory identityKey, bytes memory encryptionKey, bytes32 stakeTxid, uint32 stakeVout, bool open)
    {
        Candidate storage c = candidates[who];
        return (c.identityKey, c.encryptionKey, c.stakeTxid, c.stakeVout, c.open);
    }

    /// Every candidate ever registered, in registration order (admitted ones have open = false).
    function candidateAddresses() external view returns (address[] memory) {
        return candidateList;
    }

    function candidacyDigest(
        bytes calldata identityKey,
        bytes calldata encryptionKey,
        bytes32 stakeTxid,
        uint32 stakeVout
    ) public view returns (bytes32) {
        return SynodSig.digest(
            NAME_HASH,
            keccak256(
                abi.encode(CANDIDACY_TYPEHASH, keccak256(identityKey), keccak256(encryptionKey), stakeTxid, stakeVout)
            )
        );
    }

    function stakeKey(bytes32 txid, uint32 vout) public pure returns (bytes32) {
        return keccak256(abi.encode(txid, vout));
    }

    /// Who may speak on the group's message board: the active members and the open candidates (a candidate takes
    /// part in the resharing that admits it: it complains about bad sub-shares and closes its rounds).
    function mayPost(address who) external view returns (bool) {
        return isActiveMember(who) || (candidates[who].open && !confiscated[who]);
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

    /// A member's stake stays bound to it; a new member gets the next index. The group's signature on the epoch is
    /// the authority to admit; a registered candidate must come with the stake it registered.
    function _admit(uint64 epoch, address m, bytes32 txid, uint32 vout) private {
        bytes32 stake = stakeKey(txid, vout);
        address holder = stakeHolder[stake];
        if (holder != address(0) && holder != m) revert StakeInUse(txid, vout, holder);
        if (memberIndex[m] == 0) {
            Candidate storage c = candidates[m];
            if (c.open && (c.stakeTxid != txid || c.stakeVout != vout)) revert InvalidEpoch("candidate stake");
            uint16 index = nextIndex++;
            memberIndex[m] = index;
            if (c.open) {
                c.open = false;
                emit CandidateAdmitted(m, epoch, index);
            }
        } else if (epoch > 1 && !isMemberOf[epoch - 1][m]) {
            revert InvalidEpoch("former member");
        }
        stakeHolder[stake] = m;
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
            _admit(epoch, m, stakeTxids[i], stakeVouts[i]);
        }
        if (epoch > 1) {
            // Whoever the new epoch omits has left (if it asked) or was excluded.
            address[] storage old = epochs[epoch - 1].members;
            for (uint256 i = 0; i < old.length; i++) {
                address m = old[i];
                if (!isMemberOf[epoch][m]) {
                    if (leaveRequestedIn[m] != 0) emit MemberLeft(m, epoch);
                    else emit MemberExcluded(m, epoch);
                }
            }
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

    // ------------------------------------------------------------------------------------ confiscation records

    error ConfiscationAlreadyRecorded(address member);
    error NotTheMembersStake(address member, bytes32 txid, uint32 vout);

    bytes32 public constant CONFISCATION_TYPEHASH = keccak256(
        "ConfiscationRecord(address member,bytes32 stakeTxid,uint32 stakeVout,bytes32 confiscationTxid,bytes32 evidenceHash,uint64 epoch)"
    );

    /// The group's record that a member's stake went to the forfeiture output: the Bitcoin transaction that moved it
    /// (display order, as the stake txids) and the hash of the evidence that convicted the member. One per member.
    struct ConfiscationRecord {
        bytes32 stakeTxid;
        uint32 stakeVout;
        bytes32 confiscationTxid;
        bytes32 evidenceHash;
        uint64 epoch;
    }

    mapping(address => ConfiscationRecord) public confiscationRecords;

    event ConfiscationRecorded(
        address indexed member, uint64 indexed epoch, bytes32 stakeTxid, uint32 stakeVout, bytes32 confiscationTxid,
        bytes32 evidenceHash
    );

    /// @notice Records, signed by the current group, that `member`'s stake outpoint was moved to the forfeiture output
    /// by `confiscationTxid` on Bitcoin after the evidence hashed as `evidenceHash`; marks the member confiscated.
    function recordConfiscation(
        address member,
        bytes32 stakeTxid,
        uint32 stakeVout,
        bytes32 confiscationTxid,
        bytes32 evidenceHash,
        bytes calldata groupSignature
    ) external {
        if (confiscationRecords[member].confiscationTxid != 0) revert ConfiscationAlreadyRecorded(member);
        if (memberIndex[member] == 0 || stakeHolder[stakeKey(stakeTxid, stakeVout)] != member) {
            revert NotTheMembersStake(member, stakeTxid, stakeVout);
        }
        if (confiscationTxid == 0 || evidenceHash == 0) revert InvalidEpoch("confiscation");
        bytes32 d = confiscationDigest(member, stakeTxid, stakeVout, confiscationTxid, evidenceHash);
        address signer = SynodSig.recover(d, groupSignature);
        if (signer != epochs[currentEpoch].groupAddress) revert NotAuthorised(signer);
        confiscationRecords[member] = ConfiscationRecord(stakeTxid, stakeVout, confiscationTxid, evidenceHash,
            currentEpoch);
        confiscated[member] = true;
        emit ConfiscationRecorded(member, currentEpoch, stakeTxid, stakeVout, confiscationTxid, evidenceHash);
    }

    /// The EIP-712 digest the current group signs for a confiscation record (bound to the current epoch).
    function confiscationDigest(
        address member,
        bytes32 stakeTxid,
        uint32 stakeVout,
        bytes32 confiscationTxid,
        bytes32 evidenceHash
    ) public view returns (bytes32) {
        return SynodSig.digest(
            NAME_HASH,
            keccak256(
                abi.encode(
                    CONFISCATION_TYPEHASH, member, stakeTxid, stakeVout, confiscationTxid, evidenceHash, currentEpoch
                )
            )
        );
    }
}
