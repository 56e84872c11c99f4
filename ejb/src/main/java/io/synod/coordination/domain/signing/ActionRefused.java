package io.synod.coordination.domain.signing;

/**
 * A member's refusal to sign an action: it does not decode, or it disagrees with this member's own view of the
 * chains (the deposit is not confirmed here, the payout pays someone no redemption asked for...). The reason is
 * shown to operators; a refusal convicts nobody.
 */
public final class ActionRefused extends Exception {
    private static final long serialVersionUID = 1L;
    private final ActionKind kind;

    public ActionRefused(ActionKind kind, String reason) {
        super(kind + " refused: " + reason);
        this.kind = kind;
    }

    public ActionKind kind() {
        return kind;
    }
}
