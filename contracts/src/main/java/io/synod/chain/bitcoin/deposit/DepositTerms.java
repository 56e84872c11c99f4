package io.synod.chain.bitcoin.deposit;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import org.bitcoinj.crypto.ECKey;

/**
 * What a depositor asks for: who receives the wrapped coins, which compressed key may take the coins back, from
 * which height, and the nonce that makes this deposit's address unique. With the group key this fixes the
 * {@link DepositScript} and therefore the address.
 */
public record DepositTerms(SidechainRecipient recipient, byte[] refundPublicKey, RefundHeight refundHeight,
        DepositNonce nonce) {

    public DepositTerms {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(refundHeight, "refundHeight");
        Objects.requireNonNull(nonce, "nonce");
        refundPublicKey = requireCompressedKey(refundPublicKey, "refund");
    }

    /** Segwit v0 policy relays only compressed keys in witnesses; a valid point is required too. */
    static byte[] requireCompressedKey(byte[] key, String role) {
        if (key == null || key.length != 33 || (key[0] != 2 && key[0] != 3)) {
            throw new IllegalArgumentException("the " + role + " key must be a 33-byte compressed public key");
        }
        boolean onCurve;
        try {
            onCurve = ECKey.fromPublicOnly(key).getPubKeyPoint().isValid(); // decoding is lazy: force it
        } catch (IllegalArgumentException e) {
            onCurve = false;
        }
        if (!onCurve) {
            throw new IllegalArgumentException("the " + role + " key is not a point on secp256k1");
        }
        return key.clone();
    }

    @Override
    public byte[] refundPublicKey() {
        return refundPublicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DepositTerms t && recipient.equals(t.recipient)
                && Arrays.equals(refundPublicKey, t.refundPublicKey) && refundHeight.equals(t.refundHeight)
                && nonce.equals(t.nonce);
    }

    @Override
    public int hashCode() {
        return Objects.hash(recipient, Arrays.hashCode(refundPublicKey), refundHeight, nonce);
    }

    @Override
    public String toString() {
        return "DepositTerms[recipient=" + recipient + ", refundKey=" + HexFormat.of().formatHex(refundPublicKey)
                + ", " + refundHeight + ", nonce=" + nonce + "]";
    }
}
