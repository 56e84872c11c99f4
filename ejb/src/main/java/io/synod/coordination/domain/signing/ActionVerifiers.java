package io.synod.coordination.domain.signing;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * One member's verifiers, one per kind it will sign. An action of a kind with no verifier is refused, and a
 * verifier that fails in any way other than {@link ActionRefused} (a bug, a chain outage) is a refusal too: a
 * member never contributes to a digest its own check did not produce.
 */
public final class ActionVerifiers {
    private final Map<ActionKind, ActionVerifier> byKind = new EnumMap<>(ActionKind.class);

    public ActionVerifiers(Collection<? extends ActionVerifier> verifiers) {
        for (ActionVerifier v : verifiers) {
            if (byKind.put(v.kind(), v) != null) {
                throw new IllegalArgumentException("two verifiers for " + v.kind());
            }
        }
    }

    public static ActionVerifiers of(ActionVerifier... verifiers) {
        return new ActionVerifiers(java.util.List.of(verifiers));
    }

    public Set<ActionKind> kinds() {
        return Set.copyOf(byKind.keySet());
    }

    /** Runs this member's own check of the action; the target it returns is the only one it contributes to. */
    public SigningTarget approve(ActionKind kind, byte[] encodedAction) throws ActionRefused {
        ActionVerifier v = byKind.get(kind);
        if (v == null) {
            throw new ActionRefused(kind, "this member has no verifier for " + kind);
        }
        try {
            SigningTarget t = v.approve(encodedAction.clone());
            if (t == null) {
                throw new ActionRefused(kind, "verifier returned no target");
            }
            return t;
        } catch (ActionRefused r) {
            throw r;
        } catch (RuntimeException e) {
            throw new ActionRefused(kind, "verifier failed: " + e.getMessage());
        }
    }

    /** Convenience for an action object (its canonical encoding is what is checked). */
    public SigningTarget approve(SignableAction action) throws ActionRefused {
        return approve(action.kind(), action.encode());
    }
}
