package io.synod.chain.bitcoin;

/** An output paying a watched script, as found in one block of the chain the follower last saw as best. */
public record Payment(Outpoint outpoint, String scriptHex, Satoshis value, BlockRef block) {

    public Payment {
        java.util.Objects.requireNonNull(outpoint, "outpoint");
        java.util.Objects.requireNonNull(scriptHex, "scriptHex");
        java.util.Objects.requireNonNull(value, "value");
        java.util.Objects.requireNonNull(block, "block");
    }
}
