package io.synod.coordination.application.signing;

import java.util.List;

import io.synod.coordination.domain.signing.ActionVerifier;

/**
 * A contribution of {@link ActionVerifier}s to this member's signing core. The signing node collects every bean of
 * this type ({@code Instance<VerifierSource>}) each time it opens the member's signing (at start, and again after a
 * restart of the core) and hands each one the member's {@link SigningContext}; the verifiers returned join the
 * built-in ones (heartbeat, evidence binding, founder stakes). Two verifiers for the same
 * {@link io.synod.coordination.domain.signing.ActionKind} are a configuration error: opening fails loudly.
 *
 * <p>A source is a CDI bean ({@code @ApplicationScoped}) or an EJB whose local view includes this interface. It must
 * not block and must not call back into {@link io.synod.coordination.domain.signing.GroupSigning} from
 * {@link #verifiers}: it runs inside the signing node's tick. A source that throws is logged and skipped, so its
 * kinds are refused by this member (the safe side of "sign only what you checked"), never signed unchecked.
 */
public interface VerifierSource {

    /** The verifiers this source contributes for the member and epoch described by {@code context}; may be empty. */
    List<ActionVerifier> verifiers(SigningContext context);
}
