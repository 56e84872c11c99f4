package io.synod.chain.bitcoin;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.bitcoinj.base.Sha256Hash;

/** A transaction id in the RPC (display) byte order; never all zeros. */
public record Txid(String hex) {

    @JsonCreator
    public Txid {
        hex = hex == null ? null : hex.toLowerCase(java.util.Locale.ROOT);
        Hash256.parse(hex, "txid");
    }

    public static Txid of(Sha256Hash hash) {
        return new Txid(hash.toString());
    }

    public Sha256Hash toSha256Hash() {
        return Sha256Hash.wrap(hex);
    }

    /** The txid as the EVM contracts take it: the display order bytes. */
    public byte[] displayBytes() {
        return java.util.HexFormat.of().parseHex(hex);
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
