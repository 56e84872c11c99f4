// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

import "./SynodSig.sol";
import "./GroupRegistry.sol";

/// @title Synod wrapped bitcoin: an ERC-20 with 8 decimals, 1 unit = 1 satoshi.
/// @notice New units exist only for a Bitcoin deposit outpoint, authorised by the current epoch's group key;
/// each outpoint can be minted once, ever. Units leave by burning (the redemption contract burns with allowance).
contract WrappedBTC {
    error UnknownEpoch(uint64 epoch);
    error WrongSigner(address signer);
    error AlreadyMinted(bytes32 txid, uint32 vout);
    error InvalidValue(string field);
    error InsufficientBalance();
    error InsufficientAllowance();
    error AlreadyRevealed(bytes32 revealId);

    string public constant name = "Synod Wrapped Bitcoin";
    string public constant symbol = "sBTC";
    uint8 public constant decimals = 8;
    uint256 public constant MAX_SUPPLY = 21_000_000 * 1e8;

    bytes32 private constant NAME_HASH = keccak256("Synod WrappedBTC");
    bytes32 public constant MINT_TYPEHASH =
        keccak256("Mint(bytes32 txid,uint32 vout,address recipient,uint256 amount,uint64 epoch)");

    GroupRegistry public immutable registry;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    mapping(bytes32 => bool) private mintedOutpoints;
    /// Deposit scripts revealed so far (by reveal id): each set of script parameters is announced once.
    mapping(bytes32 => bool) public revealed;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);
    event Minted(bytes32 indexed txid, uint32 vout, address indexed recipient, uint256 amount, uint64 epoch);
    /// The parameters of a deposit script, so that every member derives the same P2WSH address from the group key
    /// and watches it. The event decides nothing: members still check the Bitcoin payment against their own rules.
    event DepositRevealed(
        bytes32 indexed revealId, address indexed recipient, bytes8 nonce, bytes refundPublicKey, uint32 refundHeight
    );

    constructor(GroupRegistry registry_) {
        if (address(registry_) == address(0) || address(registry_).code.length == 0) revert InvalidValue("registry");
        registry = registry_;
    }

    function mint(bytes32 txid, uint32 vout, address recipient, uint256 amount, uint64 epoch, bytes calldata groupSignature)
        external
    {
        if (txid == bytes32(0)) revert InvalidValue("txid");
        if (recipient == address(0)) revert InvalidValue("recipient");
        if (amount == 0 || totalSupply + amount > MAX_SUPPLY) revert InvalidValue("amount");
        if (epoch != registry.currentEpoch()) revert UnknownEpoch(epoch);
        bytes32 key = keccak256(abi.encode(txid, vout));
        if (mintedOutpoints[key]) revert AlreadyMinted(txid, vout);
        address signer = SynodSig.recover(mintDigest(txid, vout, recipient, amount, epoch), groupSignature);
        if (signer != registry.groupAddress(epoch)) revert WrongSigner(signer);
        mintedOutpoints[key] = true;
        totalSupply += amount;
        balanceOf[recipient] += amount;
        emit Transfer(address(0), recipient, amount);
        emit Minted(txid, vout, recipient, amount, epoch);
    }

    /// @notice Announces a deposit script's parameters (anyone may, typically the depositor before paying).
    /// @param refundPublicKey the depositor's 33-byte compressed key of the script's refund branch
    /// @param refundHeight the absolute block height of the refund timelock (a height, never a timestamp)
    function revealDeposit(address recipient, bytes8 nonce, bytes calldata refundPublicKey, uint32 refundHeight)
        external
        returns (bytes32 revealId)
    {
        if (recipient == address(0)) revert InvalidValue("recipient");
        if (refundPublicKey.length != 33 || (refundPublicKey[0] != 0x02 && refundPublicKey[0] != 0x03)) {
            revert InvalidValue("refundPublicKey");
        }
        if (refundHeight == 0 || refundHeight >= 500_000_000) revert InvalidValue("refundHeight");
        revealId = keccak256(abi.encode(recipient, nonce, keccak256(refundPublicKey), refundHeight));
        if (revealed[revealId]) revert AlreadyRevealed(revealId);
        revealed[revealId] = true;
        emit DepositRevealed(revealId, recipient, nonce, refundPublicKey, refundHeight);
    }

    function isMinted(bytes32 txid, uint32 vout) external view returns (bool) {
        return mintedOutpoints[keccak256(abi.encode(txid, vout))];
    }

    function mintDigest(bytes32 txid, uint32 vout, address recipient, uint256 amount, uint64 epoch)
        public
        view
        returns (bytes32)
    {
        return SynodSig.digest(NAME_HASH, keccak256(abi.encode(MINT_TYPEHASH, txid, vout, recipient, amount, epoch)));
    }

    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    function approve(address spender, uint256 value) external returns (bool) {
        if (spender == address(0)) revert InvalidValue("spender");
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        _spendAllowance(from, value);
        _transfer(from, to, value);
        return true;
    }

    /// @notice Burns `value` of `from`'s units; a caller other than `from` needs an allowance.
    function burnFrom(address from, uint256 value) external {
        if (value == 0) revert InvalidValue("amount");
        if (msg.sender != from) _spendAllowance(from, value);
        if (balanceOf[from] < value) revert InsufficientBalance();
        balanceOf[from] -= value;
        totalSupply -= value;
        emit Transfer(from, address(0), value);
    }

    function _spendAllowance(address owner, uint256 value) private {
        uint256 allowed = allowance[owner][msg.sender];
        if (allowed < value) revert InsufficientAllowance();
        if (allowed != type(uint256).max) allowance[owner][msg.sender] = allowed - value;
    }

    function _transfer(address from, address to, uint256 value) private {
        if (to == address(0)) revert InvalidValue("recipient");
        if (balanceOf[from] < value) revert InsufficientBalance();
        balanceOf[from] -= value;
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }
}
