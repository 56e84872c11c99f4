package io.synod.peg.domain.pegout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.SignableAction;

/**
 * Record on the sidechain that the redemptions {@code sequences} were all paid by Bitcoin transaction
 * {@code payoutTxid} (display byte order), under the group key of {@code epoch}: the EIP-712
 * {@code CompleteRedemptions} of the redemption contract at {@code redemptionContract}. One signature for a whole
 * payout, because signing sessions are what the group runs short of.
 *
 * <p>The sequences are strictly increasing, as the contract demands: one encoding per set of redemptions, so the
 * same set always has the same encoding and the same digest.
 */
public record CompletionAction(String redemptionContract, List<Long> sequences, byte[] payoutTxid, long epoch)
        implements SignableAction {

    /** {@code Redemption.MAX_BATCH}: the contract refuses a longer list (see its comment for the bound). */
    public static final int MAX_SEQUENCES = 128;

    public CompletionAction {
        if (redemptionContract == null || !redemptionContract.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("completion: not a contract address");
        }
        if (sequences == null || sequences.isEmpty() || sequences.size() > MAX_SEQUENCES) {
            throw new IllegalArgumentException("completion: 1.." + MAX_SEQUENCES + " redemptions, got "
                    + (sequences == null ? "none" : sequences.size()));
        }
        for (int i = 0; i < sequences.size(); i++) {
            if (sequences.get(i) < 1 || (i > 0 && sequences.get(i) <= sequences.get(i - 1))) {
                throw new IllegalArgumentException("completion: redemptions must be positive and strictly ascending, "
                        + "not " + sequences);
            }
        }
        if (epoch < 1 || payoutTxid == null || payoutTxid.length != 32 || Arrays.equals(payoutTxid, new byte[32])) {
            throw new IllegalArgumentException("completion: txid or epoch out of range");
        }
        redemptionContract = redemptionContract.toLowerCase(Locale.ROOT);
        sequences = List.copyOf(sequences);
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

    /** contract (20) ‖ count (u16) ‖ sequences (i64 each) ‖ txid (32) ‖ epoch (i64). */
    @Override
    public byte[] encode() {
        ActionBytes b = new ActionBytes().fixed(HexFormat.of().parseHex(redemptionContract.substring(2)), 20)
                .u16(sequences.size());
        sequences.forEach(b::i64);
        return b.fixed(payoutTxid, 32).i64(epoch).toByteArray();
    }

    public static CompletionAction decode(byte[] encoded) {
        ActionBytes.Reader r = new ActionBytes.Reader(encoded, "completion");
        String contract = "0x" + HexFormat.of().formatHex(r.fixed(20));
        int n = r.u16();
        if (n < 1 || n > MAX_SEQUENCES) {
            throw new IllegalArgumentException("completion: " + n + " redemptions, not 1.." + MAX_SEQUENCES);
        }
        List<Long> seqs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            seqs.add(r.i64());
        }
        byte[] txid = r.fixed(32);
        long epoch = r.i64();
        r.end();
        return new CompletionAction(contract, seqs, txid, epoch);
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
