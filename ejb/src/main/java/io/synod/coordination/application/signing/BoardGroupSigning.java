package io.synod.coordination.application.signing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.coordination.domain.signing.SigningFailed;

/**
 * The {@link GroupSigning} port over one member's {@link SigningCoordinator}: proposes the action and steps the
 * coordinator until the session is signed or failed (the coordinator may also be stepped by a timer meanwhile;
 * {@code step()} is synchronised). The other members' coordinators are driven by their own servers.
 *
 * <p>Many callers may wait at once (the peg signs mints, sweeps and payouts concurrently): they share one step per
 * poll period instead of each stepping the board, and a caller that gives up withdraws its proposal if it is still
 * queued, so an abandoned request never takes a presignature from the ones still waiting.
 */
public final class BoardGroupSigning implements GroupSigning {
    private final SigningCoordinator coordinator;
    private final Duration poll;
    private final java.util.concurrent.atomic.AtomicLong lastStep = new java.util.concurrent.atomic.AtomicLong();

    public BoardGroupSigning(SigningCoordinator coordinator, Duration poll) {
        this.coordinator = coordinator;
        this.poll = poll;
    }

    @Override
    public GroupSignature sign(SignableAction action, Duration timeout) throws SigningFailed {
        long end = System.nanoTime() + timeout.toNanos();
        SigningCoordinator.Ticket t = coordinator.propose(action);
        while (true) {
            long now = System.nanoTime();
            long last = lastStep.get();
            if (now - last >= poll.toNanos() && lastStep.compareAndSet(last, now)) {
                coordinator.step();
            }
            Optional<SignOutcome> o = coordinator.outcome(t);
            if (o.isPresent() && o.get().status() == SignOutcome.Status.SIGNED) {
                GroupSignature sig = o.get().signature().orElseThrow();
                if (!o.get().ownTarget().map(sig.target()::equals).orElse(false)) {
                    // The group agreed on a target this member's own check did not produce: not ours to use.
                    throw new SigningFailed(action.kind() + " in session " + o.get().session() + ": the group "
                            + "signed " + sig.target() + ", this member's verifier produced " + o.get().ownTarget()
                            .map(Object::toString).orElse("a refusal"), List.of());
                }
                if (!sig.verifiesUnder(groupPublicKey())) {
                    throw new SigningFailed("session " + o.get().session() + " produced a signature that does not "
                            + "verify under the group key", o.get().badPartials());
                }
                return sig;
            }
            if (o.isPresent() && o.get().status() == SignOutcome.Status.FAILED) {
                List<Integer> culprits = new ArrayList<>(o.get().culprits());
                throw new SigningFailed(action.kind() + " in session " + o.get().session() + ": " + o.get().reason()
                        + "; refusals " + o.get().refusals(), culprits);
            }
            if (System.nanoTime() > end) {
                boolean held = coordinator.heldForPayoutQuorum(t);
                coordinator.withdraw(t);
                throw new SigningFailed(action.kind() + ": no signature within " + timeout
                        + (held ? " (held back, never proposed: it needs " + coordinator.approvals().payouts()
                                + " approvals and members " + coordinator.suspected() + " are suspected offline)"
                        : o.isEmpty() ? " (no presignature was available to propose with)" : ""), List.of());
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                coordinator.withdraw(t);
                throw new SigningFailed("interrupted while waiting for " + action.kind(), List.of());
            }
        }
    }

    @Override
    public byte[] groupPublicKey() {
        return coordinator.groupPublicKey();
    }
}
