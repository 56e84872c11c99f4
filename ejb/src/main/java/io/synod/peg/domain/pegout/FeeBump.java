package io.synod.peg.domain.pegout;

import java.util.Optional;

/**
 * One child-pays-for-parent transaction of a stuck payout: bump {@code number} spends the payout's change (bump 1)
 * or the previous bump's only output, back to the group, paying enough that the whole package (payout and bumps
 * 1..number) reaches {@code packageRate}. The unsigned bytes are persisted before signing, the signed ones before
 * broadcasting, as for the payout itself.
 */
public record FeeBump(int number, long packageRateSatPerKvB, byte[] unsignedTx, Optional<byte[]> signedTx,
        String txid, long fee, long broadcastHeight) {

    public FeeBump {
        if (number < 1 || packageRateSatPerKvB < 1 || fee < 1) {
            throw new IllegalArgumentException("bump number, rate and fee are positive");
        }
        unsignedTx = unsignedTx.clone();
        signedTx = signedTx.map(byte[]::clone);
    }

    @Override
    public byte[] unsignedTx() {
        return unsignedTx.clone();
    }

    public FeeBump signed(byte[] tx) {
        return new FeeBump(number, packageRateSatPerKvB, unsignedTx, Optional.of(tx), txid, fee, broadcastHeight);
    }

    public FeeBump broadcastAt(long height) {
        return new FeeBump(number, packageRateSatPerKvB, unsignedTx, signedTx, txid, fee, height);
    }
}
