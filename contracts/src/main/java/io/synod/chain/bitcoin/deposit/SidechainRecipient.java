package io.synod.chain.bitcoin.deposit;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/** The 20-byte EVM address that receives the wrapped coins of a deposit. */
public record SidechainRecipient(byte[] address) {

    public static final int LENGTH = 20;

    public SidechainRecipient {
        if (address == null || address.length != LENGTH) {
            throw new IllegalArgumentException("a sidechain recipient is a 20-byte EVM address");
        }
        address = address.clone();
    }

    /** From {@code 0x} followed by 40 hex digits (any case; the checksum case is not required). */
    public static SidechainRecipient parse(String hex) {
        if (hex == null || !hex.startsWith("0x") || hex.length() != 2 + 2 * LENGTH) {
            throw new IllegalArgumentException("expected 0x and 40 hex digits: " + hex);
        }
        return new SidechainRecipient(HexFormat.of().parseHex(hex.substring(2).toLowerCase(Locale.ROOT)));
    }

    @Override
    public byte[] address() {
        return address.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SidechainRecipient r && Arrays.equals(address, r.address);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(address);
    }

    @Override
    public String toString() {
        return "0x" + HexFormat.of().formatHex(address);
    }
}
