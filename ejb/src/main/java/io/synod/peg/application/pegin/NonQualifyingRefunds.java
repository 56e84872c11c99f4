package io.synod.peg.application.pegin;

/**
 * An operator's request that the group return a listed non-qualifying payment to its depositor. This member builds
 * the refund; the group signs it only if enough members' own books list the payment as refundable
 * ({@link RefundVerifier}); this member broadcasts it, and every member books it once it is in a block.
 */
public interface NonQualifyingRefunds {

    /**
     * @param outpoint the payment, {@code txid:vout}
     * @return the refund transaction's id, broadcast
     */
    String refund(String outpoint);
}
