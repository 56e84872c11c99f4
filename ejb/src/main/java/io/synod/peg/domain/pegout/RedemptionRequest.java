package io.synod.peg.domain.pegout;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import io.synod.shared.domain.Satoshis;

/**
 * A {@code RedemptionRequested} event as the sidechain emitted it: the sequence number (the natural key), who burned,
 * how much, the Bitcoin output script to pay, and where the event is (block and transaction, for evidence).
 */
public record RedemptionRequest(long sequence, String requester, Satoshis amount, byte[] outputScript,
        long sidechainBlock, String sidechainBlockHash, String sidechainTx) {

    public RedemptionRequest {
        if (sequence < 1) {
            throw new IllegalArgumentException("redemption sequence starts at 1: " + sequence);
        }
        Objects.requireNonNull(requester, "requester");
        if (amount == null || amount.value() == 0) {
            throw new IllegalArgumentException("redemption " + sequence + " has no amount");
        }
        if (outputScript == null || outputScript.length == 0 || outputScript.length > 80) {
            throw new IllegalArgumentException("redemption " + sequence + " has no usable output script");
        }
        if (sidechainBlock < 0 || sidechainBlockHash == null || sidechainTx == null) {
            throw new IllegalArgumentException("redemption " + sequence + " lacks its sidechain evidence");
        }
        outputScript = outputScript.clone();
    }

    @Override
    public byte[] outputScript() {
        return outputScript.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedemptionRequest r && r.sequence == sequence && r.requester.equalsIgnoreCase(requester)
                && r.amount.equals(amount) && Arrays.equals(r.outputScript, outputScript)
                && r.sidechainBlock == sidechainBlock && r.sidechainBlockHash.equals(sidechainBlockHash)
                && r.sidechainTx.equals(sidechainTx);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sequence) * 31 + Arrays.hashCode(outputScript);
    }

    @Override
    public String toString() {
        return "redemption " + sequence + " of " + amount + " to " + HexFormat.of().formatHex(outputScript);
    }
}
