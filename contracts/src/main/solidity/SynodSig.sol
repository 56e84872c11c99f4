// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title EIP-712 digests and strict signature recovery shared by every Synod contract.
/// @dev The domain is recomputed on each call so that a chain-id change (a fork) invalidates old signatures.
library SynodSig {
    error BadSignature();

    bytes32 internal constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 internal constant VERSION_HASH = keccak256("1");
    /// secp256k1 order / 2: signatures with a larger s are malleable copies and are refused.
    uint256 internal constant HALF_ORDER = 0x7FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF5D576E7357A4501DDFE92F46681B20A0;

    function domainSeparator(bytes32 nameHash) internal view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, nameHash, VERSION_HASH, block.chainid, address(this)));
    }

    function digest(bytes32 nameHash, bytes32 structHash) internal view returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", domainSeparator(nameHash), structHash));
    }

    /// @return signer never the zero address: an unrecoverable signature reverts.
    function recover(bytes32 hash, bytes calldata sig) internal pure returns (address signer) {
        if (sig.length != 65) revert BadSignature();
        bytes32 r = bytes32(sig[0:32]);
        bytes32 s = bytes32(sig[32:64]);
        uint8 v = uint8(sig[64]);
        if (r == 0 || s == 0 || uint256(s) > HALF_ORDER || (v != 27 && v != 28)) revert BadSignature();
        signer = ecrecover(hash, v, r, s);
        if (signer == address(0)) revert BadSignature();
    }
}
