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
 * queued, so an abandoned request never takes a presignature from the ones still waiting. {@link #signAll}
 * queues every action at once, so the channel runs as many of their sessions together as it has room for.
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
        return signAll(List.of(action), timeout).get(0);
    }

    @Override
    public List<GroupSignature> signAll(List<? extends SignableAction> actions, Duration timeout) throws SigningFailed {
        List<SigningCoordinator.Ticket> tickets = new ArrayList<>(actions.size());
        actions.forEach(a -> tickets.add(coordinator.propose(a)));
        GroupSignature[] signed = new GroupSignature[actions.size()];
        int left = actions.size();
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (left > 0) {
                long now = System.nanoTime();
                long last = lastStep.get();
                if (now - last >= poll.toNanos() && lastStep.compareAndSet(last, now)) {
                    coordinator.step();
                }
                int first = -1;
                for (int i = 0; i < signed.length; i++) {
                    if (signed[i] == null) {
                        signed[i] = settled(actions.get(i), tickets.get(i)).orElse(null);
                        if (signed[i] != null) {
                            left--;
                            end = System.nanoTime() + timeout.toNanos(); // the timeout bounds each next signature
                        } else if (first < 0) {
                            first = i;
                        }
                    }
                }
                if (left > 0 && System.nanoTime() - end > 0) {
                    throw timedOut(actions.get(first), tickets.get(first), timeout);
                }
                if (left > 0) {
                    Thread.sleep(poll.toMillis());
                }
            }
            return List.of(signed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningFailed("interrupted while waiting for " + actions.get(0).kind(), List.of());
        } finally {
            if (left > 0) {
                tickets.forEach(coordinator::withdraw); // still queued ones: never take a presignature for nothing
            }
        }
    }

    /** The signature once the session signed; empty while it runs; a failed session throws. */
    private Optional<GroupSignature> settled(SignableAction action, SigningCoordinator.Ticket t) throws SigningFailed {
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
            return Optional.of(sig);
        }
        if (o.isPresent() && o.get().status() == SignOutcome.Status.FAILED) {
            throw new SigningFailed(action.kind() + " in session " + o.get().session() + ": " + o.get().reason()
                    + "; refusals " + o.get().refusals(), new ArrayList<>(o.get().culprits()));
        }
        return Optional.empty();
    }

    private SigningFailed timedOut(SignableAction action, SigningCoordinator.Ticket t, Duration timeout) {
        return new SigningFailed(action.kind() + ": no signature within " + timeout + " (" + coordinator.whereIs(t)
                + ")", List.of());
    }

    @Override
    public byte[] groupPublicKey() {
        return coordinator.groupPublicKey();
    }
}
