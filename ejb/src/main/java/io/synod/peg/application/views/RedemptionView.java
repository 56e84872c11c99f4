package io.synod.peg.application.views;

import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalLong;

import io.synod.peg.domain.pegout.LimitReason;
import io.synod.peg.domain.pegout.PayoutBatch;
import io.synod.peg.domain.pegout.RedemptionStatus;
import io.synod.peg.domain.pegout.TrackedRedemption;
import io.synod.shared.domain.Satoshis;

/**
 * A redemption as its user follows it: the burn on the sidechain, the status, why it waits, and once batched the
 * payout transaction with the heights it was broadcast and confirmed at ({@code -1} before).
 */
public record RedemptionView(long sequence, RedemptionStatus status, Satoshis amount, String requester,
        String outputScriptHex, long sidechainBlock, String sidechainTx, LimitReason waitingFor, OptionalLong batchId,
        Optional<String> payoutTxid, long broadcastHeight, Optional<String> confirmedBlock, long confirmedHeight) {

    static RedemptionView of(TrackedRedemption r, Optional<PayoutBatch> batch) {
        return new RedemptionView(r.sequence(), r.status(), r.request().amount(), r.request().requester(),
                HexFormat.of().formatHex(r.request().outputScript()), r.request().sidechainBlock(),
                r.request().sidechainTx(), r.limitReason(), r.batchId(), batch.map(PayoutBatch::txid),
                batch.map(PayoutBatch::broadcastHeight).orElse(-1L), batch.flatMap(PayoutBatch::confirmedBlock),
                batch.map(PayoutBatch::confirmedHeight).orElse(-1L));
    }
}
