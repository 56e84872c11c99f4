package io.synod.web.rest.v1;

import java.util.List;
import java.util.Locale;

import io.synod.peg.application.views.DepositView;
import io.synod.peg.application.views.GuardSnapshot;
import io.synod.peg.application.views.PegQueues;
import io.synod.peg.application.views.RedemptionView;
import io.synod.peg.domain.ledger.InvariantAlert;
import io.synod.peg.domain.pegout.LimitReason;

/** Wire forms of {@code /api/v1/peg}; amounts in satoshis, absent values null, statuses lower case. */
public final class PegDtos {

    private PegDtos() {
    }

    /** A redemption: {@code status} is requested, queued, queued_by_limit, batched, signed, broadcast, confirmed or completed. */
    public record Redemption(long sequence, String status, long amountSats, String requester, String outputScript,
            long sidechainBlock, String sidechainTx, String waitingFor, Long batchId, String payoutTxid,
            Long broadcastHeight, String confirmedBlock, Long confirmedHeight) {

        static Redemption from(RedemptionView r) {
            return new Redemption(r.sequence(), lower(r.status().name()), r.amount().value(), r.requester(),
                    r.outputScriptHex(), r.sidechainBlock(), r.sidechainTx(),
                    r.waitingFor() == LimitReason.NONE ? null : lower(r.waitingFor().name()),
                    r.batchId().isPresent() ? r.batchId().getAsLong() : null, r.payoutTxid().orElse(null),
                    r.broadcastHeight() < 0 ? null : r.broadcastHeight(), r.confirmedBlock().orElse(null),
                    r.confirmedHeight() < 0 ? null : r.confirmedHeight());
        }
    }

    /** A deposit outpoint that waits or is never minted; {@code reason} is null for one that waits for the guard. */
    public record Deposit(String outpoint, long amountSats, String recipient, long confirmedHeight, String confirmedBlock,
            String state, String reason, String note) {

        static Deposit from(DepositView d) {
            return new Deposit(d.outpoint(), d.amount().value(), d.recipient(), d.confirmedHeight(), d.confirmedBlock(),
                    lower(d.state().name()), d.reason() == null ? null : lower(d.reason().name()), d.note());
        }
    }

    public record Queues(List<Deposit> guard, List<Redemption> limits, List<Deposit> nonQualifying) {

        static Queues from(PegQueues q) {
            return new Queues(q.guardQueue().stream().map(Deposit::from).toList(),
                    q.limitQueue().stream().map(Redemption::from).toList(),
                    q.nonQualifying().stream().map(Deposit::from).toList());
        }
    }

    public record Guard(long boundSats, long heldSats, long headroomSats, int ratioPercent, int threshold, int coalitionSize,
            List<Long> stakesSats) {

        static Guard from(GuardSnapshot g) {
            return new Guard(g.bound().value(), g.held().value(), g.headroom(), g.ratioPercent(), g.threshold(),
                    g.coalitionSize(), g.stakes().stream().map(s -> s.value()).toList());
        }
    }

    public record Alert(long id, String invariant, long expected, long found, long difference, String detail, String block,
            String evidence, String raisedAt, boolean open, String clearedAt) {

        static Alert from(InvariantAlert a) {
            return new Alert(a.id(), a.invariant().name(), a.expected(), a.found(), a.difference(), a.detail(), a.block(),
                    a.evidence(), a.raisedAt().toString(), a.open(), a.clearedAt().orElse(null));
        }
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
