package io.synod.chain.evm;

/** A sidechain block by number and hash. */
public record EvmBlockRef(long number, String hash) {

    public EvmBlockRef {
        if (number < 0 || hash == null || !hash.matches("0x[0-9a-f]{64}")) {
            throw new IllegalArgumentException("bad block ref " + number + " " + hash);
        }
    }
}
