package io.synod.shared.domain;

import java.util.Arrays;

/**
 * A Bitcoin transaction output reference. The txid is kept in internal byte order (as hashed);
 * {@link #displayTxid()} gives the reversed form block explorers and RPC show.
 */
public record Outpoint(byte[] txid, int vout) {

    public Outpoint {
        if (txid == null || txid.length != 32) {
            throw new IllegalArgumentException("txid must be 32 bytes");
        }
        if (vout < 0) {
            throw new IllegalArgumentException("vout must not be negative: " + vout);
        }
        txid = txid.clone();
    }

    /** Parses {@code <display txid hex>:<vout>}. */
    public static Outpoint parse(String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("outpoint must look like <txid>:<vout>");
        }
        byte[] display = Hex.decode("txid", text.substring(0, colon), 32);
        int vout;
        try {
            vout = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("vout is not a number");
        }
        return new Outpoint(reverse(display), vout);
    }

    @Override
    public byte[] txid() {
        return txid.clone();
    }

    public String displayTxid() {
        return Hex.encode(reverse(txid));
    }

    private static byte[] reverse(byte[] in) {
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[in.length - 1 - i];
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Outpoint other && other.vout == vout && Arrays.equals(other.txid, txid);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(txid) + vout;
    }

    @Override
    public String toString() {
        return displayTxid() + ":" + vout;
    }
}
