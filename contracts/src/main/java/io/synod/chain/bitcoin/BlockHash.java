package io.synod.chain.bitcoin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.bitcoinj.base.Sha256Hash;

/** A block hash in the RPC (display) byte order; never all zeros. */
public record BlockHash(String hex) {

    @JsonCreator
    public BlockHash {
        hex = hex == null ? null : hex.toLowerCase(java.util.Locale.ROOT);
        Hash256.parse(hex, "block hash");
    }

    public static BlockHash of(Sha256Hash hash) {
        return new BlockHash(hash.toString());
    }

    @JsonValue
    @Override
    public String hex() {
        return hex;
    }

    @Override
    public String toString() {
        return hex;
    }
}
