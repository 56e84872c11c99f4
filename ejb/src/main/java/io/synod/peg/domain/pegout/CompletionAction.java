package io.synod.peg.domain.pegout;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.SignableAction;

/**
 * Record on the sidechain that redemption {@code sequence} was paid by Bitcoin transaction {@code payoutTxid}
 * (display byte order), under the group key of {@code epoch}: the EIP-712 {@code CompleteRedemption} of the
 * redemption contract at {@code redemptionContract}.
 */
public record CompletionAction(String redemptionContract, long sequence, byte[] payoutTxid, long epoch)
        implements SignableAction {

    public CompletionAction {
        if (redemptionContract == null || !redemptionContract.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("completion: not a contract address");
        }
        if (sequence < 1 || epoch < 1 || payoutTxid == null || payoutTxid.length != 32) {
            throw new IllegalArgumentException("completion: sequence, txid or epoch out of range");
        }
        redemptionContract = redemptionContract.toLowerCase(Locale.ROOT);
        payoutTxid = payoutTxid.clone();
    }

    @Override
    public ActionKind kind() {
        return ActionKind.REDEMPTION_COMPLETION;
    }

    @Override
    public byte[] payoutTxid() {
        return payoutTxid.clone();
    }

    public String payoutTxidHex() {
        return HexFormat.of().formatHex(payoutTxid);
    }

    @Override
    public byte[] encode() {
        return new ActionBytes().fixed(HexFormat.of().parseHex(redemptionContract.substring(2)), 20).i64(sequence)
                .fixed(payoutTxid, 32).i64(epoch).toByteArray();
    }

    public static CompletionAction decode(byte[] encoded) {
        ActionBytes.Reader r = new ActionBytes.Reader(encoded, "completion");
        String contract = "0x" + HexFormat.of().formatHex(r.fixed(20));
        long seq = r.i64();
        byte[] txid = r.fixed(32);
        long epoch = r.i64();
        r.end();
        return new CompletionAction(contract, seq, txid, epoch);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CompletionAction a && Arrays.equals(a.encode(), encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
