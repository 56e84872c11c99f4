package io.synod.chain.bitcoin;

/** A block identified by both its height and its hash (a height alone does not survive a reorganisation). */
public record BlockRef(BlockHeight height, BlockHash hash) {

    public BlockRef {
        java.util.Objects.requireNonNull(height, "height");
        java.util.Objects.requireNonNull(hash, "hash");
    }
}
