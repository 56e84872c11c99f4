package io.synod.coordination.application.signing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;

import io.synod.coordination.application.BoardFrame;
import io.synod.coordination.domain.BoardCursor;
import io.synod.coordination.domain.BoardRead;
import io.synod.shared.domain.SessionId;
import io.synod.threshold.dkg.ProtocolAbort;
import io.synod.threshold.evidence.EquivocationEvidence;
import io.synod.threshold.evidence.Evidence;
import io.synod.threshold.evidence.InvalidProductEvidence;
import io.synod.threshold.message.Complaint;
import io.synod.threshold.message.DecodeException;
import io.synod.threshold.message.MessageType;
import io.synod.threshold.message.PresignDealing;
import io.synod.threshold.message.PresignProduct;
import io.synod.threshold.message.SessionContext;
import io.synod.threshold.message.SignedEnvelope;
import io.synod.threshold.message.ThresholdMessage;
import io.synod.threshold.presign.PresignConfig;
import io.synod.threshold.presign.PresignMember;
import io.synod.threshold.presign.Presignature;
import io.synod.threshold.sharing.IndexSet;

/**
 * One presigning sub-session as this member follows it. Two board rounds: dealings (closed when every signer has
 * dealt, or at the deadline), then products or complaints (closed when every signer has posted one or the other,
 * or at the deadline). A product says "I have no complaint", so the honest path needs no round-done frames: two
 * posts per signer per batch. A missing dealing or product, or any complaint, ends the session without
 * presignatures, naming the silent signers or the dealer proven guilty (or the unfounded complainer); a member
 * that is not a signer follows the closing only, to know when the session is over.
 */
final class PresignRun {
    enum Status { RUNNING, DONE, ABORTED }

    private record Accepted(long block, ThresholdMessage message, SignedEnvelope envelope) {
    }

    final SessionId id;
    final long startBlock;
    final IndexSet signers;
    final int batch;
    private final MemberContext ctx;
    private final SessionContext context;
    private PresignMember member;
    private final RoundClock clock;
    private BoardCursor cursor;
    private long head;
    private final Map<String, Accepted> bySlot = new HashMap<>();
    /** Accepted messages by type, each list in board order. */
    private final Map<MessageType, List<Accepted>> byType = new java.util.EnumMap<>(MessageType.class);
    private int stage;
    private Status status = Status.RUNNING;
    private List<Integer> culprits = List.of();
    private String reason = "";
    private final List<Evidence> evidence = new ArrayList<>();

    PresignRun(MemberContext ctx, SessionId id, long startBlock, IndexSet signers, int batch) {
        this.ctx = ctx;
        this.id = id;
        this.startBlock = startBlock;
        this.signers = signers;
        this.batch = batch;
        this.clock = ctx.channel.clock(ctx.board, startBlock);
        PresignConfig cfg = new PresignConfig(id.bytes(), signers, ctx.share.group(), batch);
        this.context = cfg.context();
        this.member = signers.contains(ctx.self) ? new PresignMember(cfg, ctx.share, ctx.keys, ctx.rng) : null;
        this.cursor = new BoardCursor(startBlock);
    }

    Status status() {
        return status;
    }

    List<Integer> culprits() {
        return culprits;
    }

    String reason() {
        return reason;
    }

    /** Evidence this member built from the session's board log (invalid product shares), in the order found. */
    List<Evidence> evidence() {
        return List.copyOf(evidence);
    }

    /** The block closing a round, or {@link RoundClock#OPEN} while the board has not passed it. */
    private long deadline(int round) {
        return clock.close(round, head);
    }

    /** Reads this sub-session's new entries and advances; returns this member's presignatures when done. */
    List<Presignature> step() {
        BoardRead read = ctx.board.read(id, cursor);
        for (var e : read.entries()) {
            ctx.intake(e, id).ifPresent(this::accept);
        }
        cursor = read.next();
        head = Math.max(head, read.headBlock());
        return advance();
    }

    private void accept(MemberContext.Checked c) {
        if (!(c.frame() instanceof BoardFrame.Envelope env)) {
            ctx.reject(c.entry(), "only envelopes belong in a presigning session");
            return;
        }
        ThresholdMessage m;
        try {
            m = env.envelope().open(context, ctx.identities);
        } catch (DecodeException ex) {
            ctx.reject(c.entry(), "refused by the strict decoder: " + ex.reason());
            return;
        }
        MessageType type = m.header().type();
        if (type.round != c.entry().round() || !type.name().startsWith("PRESIGN_")) {
            ctx.reject(c.entry(), "message type " + type + " does not belong in board round " + c.entry().round());
            return;
        }
        String slot = type + ":" + m.header().sender() + (m instanceof Complaint k ? ":" + k.accused() : "");
        if (bySlot.containsKey(slot)) {
            ctx.reject(c.entry(), "second message for " + slot);
            equivocation(bySlot.get(slot).envelope(), env.envelope());
            return;
        }
        Accepted a = new Accepted(c.entry().block(), m, env.envelope());
        bySlot.put(slot, a);
        byType.computeIfAbsent(type, k -> new ArrayList<>()).add(a);
    }

    /** The messages of one type the round closing at {@code closeBlock} takes, in board order. */
    private <T extends ThresholdMessage> List<T> inputs(MessageType type, long closeBlock, Class<T> as) {
        return byType.getOrDefault(type, List.of()).stream().filter(a -> a.block() <= closeBlock)
                .map(a -> as.cast(a.message())).toList();
    }

    /** Round 1 closes when every signer has dealt (by the deadline), else at the deadline. */
    private OptionalLong dealingsClosed() {
        return closedWhen(deadline(1), MessageType.PRESIGN_DEALING, null);
    }

    /** Round 2 closes when every signer has posted a product or a complaint (by the deadline), else at it. */
    private OptionalLong productsClosed() {
        return closedWhen(deadline(2), MessageType.PRESIGN_PRODUCT, MessageType.PRESIGN_COMPLAINT);
    }

    private OptionalLong closedWhen(long deadline, MessageType a, MessageType b) {
        Map<Integer, Long> first = new HashMap<>();
        for (MessageType t : b == null ? List.of(a) : List.of(a, b)) {
            for (Accepted x : byType.getOrDefault(t, List.of())) {
                if (x.block() <= deadline) {
                    first.merge(x.message().header().sender(), x.block(), Math::min);
                }
            }
        }
        if (first.size() == signers.size()) {
            return OptionalLong.of(first.values().stream().mapToLong(Long::longValue).max().orElseThrow());
        }
        return head > deadline ? OptionalLong.of(deadline) : OptionalLong.empty();
    }

    private List<Presignature> advance() {
        while (status == Status.RUNNING) {
            switch (stage) {
                case 0 -> {
                    if (member != null && bySlot.containsKey(MessageType.PRESIGN_DEALING + ":" + ctx.self)) {
                        // Dealt before a restart: the secrets are gone, so this member only follows the session.
                        member = null;
                    }
                    if (member != null) {
                        ctx.publish(id, member.deal());
                    }
                    stage = 1;
                }
                case 1 -> {
                    OptionalLong c = dealingsClosed();
                    if (c.isEmpty()) {
                        return List.of();
                    }
                    List<PresignDealing> dealings =
                            inputs(MessageType.PRESIGN_DEALING, c.getAsLong(), PresignDealing.class);
                    List<Integer> missing = missing(dealings.stream().map(d -> d.header().sender()).toList());
                    if (!missing.isEmpty()) {
                        return abort("signers withheld their presignature dealing", missing);
                    }
                    if (member != null) {
                        List<Complaint> complaints = member.receiveDealings(dealings);
                        if (complaints.isEmpty()) {
                            ctx.publish(id, member.product());
                        } else {
                            complaints.forEach(k -> ctx.publish(id, k));
                        }
                    }
                    stage = 2;
                }
                case 2 -> {
                    OptionalLong c = productsClosed();
                    if (c.isEmpty()) {
                        return List.of();
                    }
                    List<Complaint> complaints =
                            inputs(MessageType.PRESIGN_COMPLAINT, c.getAsLong(), Complaint.class);
                    if (!complaints.isEmpty()) {
                        return judge(complaints);
                    }
                    List<PresignProduct> products =
                            inputs(MessageType.PRESIGN_PRODUCT, c.getAsLong(), PresignProduct.class);
                    List<Integer> missing = missing(products.stream().map(p -> p.header().sender()).toList());
                    if (!missing.isEmpty()) {
                        return abort("signers withheld their product share", missing);
                    }
                    status = Status.DONE;
                    if (member == null) {
                        return List.of();
                    }
                    try {
                        return member.finish(products, false);
                    } catch (ProtocolAbort a) {
                        productEvidence();
                        return abort(a.getMessage(), a.culprits());
                    }
                }
                default -> throw new IllegalStateException("stage " + stage);
            }
        }
        return List.of();
    }

    /** Two different identity-signed messages for one slot: the sender equivocated (kept once per slot). */
    private void equivocation(SignedEnvelope first, SignedEnvelope second) {
        EquivocationEvidence e = new EquivocationEvidence(first, second);
        if (e.verify(ctx.identities) && evidence.stream().noneMatch(x -> x instanceof EquivocationEvidence q
                && java.util.Arrays.equals(q.first().slot(), first.slot()))) {
            evidence.add(e);
        }
    }

    /**
     * Each product share the core found invalid, as evidence anyone can check: the sender's signed product message
     * as posted, the slot, and K_i, A_i (from the session's summed commitments) and X_i (the group's public share).
     */
    private void productEvidence() {
        List<PresignProduct> bad = member.invalidProducts();
        List<Integer> slots = member.invalidSlots();
        for (int i = 0; i < bad.size(); i++) {
            int who = bad.get(i).header().sender();
            int slot = slots.get(i);
            Accepted posted = bySlot.get(MessageType.PRESIGN_PRODUCT + ":" + who);
            if (posted != null) {
                evidence.add(new InvalidProductEvidence(posted.envelope(), context, slot, member.kPublic(slot, who),
                        member.alphaPublic(slot, who), ctx.share.group().publicShare(who)));
            }
        }
    }

    private List<Presignature> judge(List<Complaint> complaints) {
        if (member == null) {
            TreeSet<Integer> accused = new TreeSet<>();
            complaints.forEach(k -> accused.add(k.accused()));
            return abort("complaints against presignature dealers (judged by the signers)", List.copyOf(accused));
        }
        try {
            member.judge(complaints);
        } catch (ProtocolAbort a) {
            return abort(a.getMessage(), a.culprits());
        }
        TreeSet<Integer> complainers = new TreeSet<>();
        complaints.forEach(k -> complainers.add(k.header().sender()));
        return abort("unfounded complaints", List.copyOf(complainers));
    }

    private List<Integer> missing(List<Integer> present) {
        List<Integer> out = new ArrayList<>();
        for (int s : signers.indices()) {
            if (!present.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private List<Presignature> abort(String why, List<Integer> who) {
        status = Status.ABORTED;
        reason = why;
        culprits = List.copyOf(who);
        return List.of();
    }

    @Override
    public String toString() {
        return "PresignRun[" + id + ", signers " + signers + ", batch " + batch + ", " + status + "]";
    }
}
