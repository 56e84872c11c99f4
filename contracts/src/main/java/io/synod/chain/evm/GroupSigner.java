package io.synod.chain.evm;

/** Signs a 32-byte EIP-712 digest with the group key (the threshold group in production), returning r ‖ s ‖ v. */
@FunctionalInterface
public interface GroupSigner {

    byte[] sign(byte[] digest);
}
