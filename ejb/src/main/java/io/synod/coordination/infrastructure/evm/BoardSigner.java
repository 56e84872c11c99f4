package io.synod.coordination.infrastructure.evm;

/**
 * Signs a board post's EIP-712 digest with the member's identity key: 65 bytes r ‖ s ‖ v (v = 27 or 28, low s),
 * as the board contract recovers it. A software key in tests; the member's HSM in a node.
 */
@FunctionalInterface
public interface BoardSigner {
    byte[] sign(byte[] digest32);
}
