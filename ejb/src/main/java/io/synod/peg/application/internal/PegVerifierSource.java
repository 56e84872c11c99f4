package io.synod.peg.application.internal;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.synod.coordination.application.signing.SigningContext;
import io.synod.coordination.application.signing.VerifierSource;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;

/**
 * The peg's verifiers in this member's signing core: mint, sweep input, non-qualifying refund input, payout input
 * (and fee bumps), redemption completion and the group jobs (reserve attestation, header relay). They are registered when signing opens, before the peg runtime exists
 * (it needs the recorded contracts and epoch 2), so each resolves the runtime's verifier at every check and refuses
 * while there is none: this member never signs a peg action it could not check.
 */
@ApplicationScoped
public class PegVerifierSource implements VerifierSource {

    @Inject
    private PegNodeState state;

    @Override
    public List<ActionVerifier> verifiers(SigningContext context) {
        state.context(context);
        return List.of(
                new Deferred(ActionKind.MINT, PegRuntime::mintVerifier),
                new Deferred(ActionKind.SWEEP_INPUT, PegRuntime::sweepVerifier),
                new Deferred(ActionKind.NON_QUALIFYING_REFUND_INPUT, PegRuntime::refundVerifier),
                new Deferred(ActionKind.REDEMPTION_PAYOUT_INPUT, PegRuntime::payoutVerifier),
                new Deferred(ActionKind.REDEMPTION_COMPLETION, PegRuntime::completionVerifier),
                new Deferred(ActionKind.RESERVE_ATTESTATION, PegRuntime::reserveAttestationVerifier),
                new Deferred(ActionKind.HEADER_RELAY, PegRuntime::headerRelayVerifier));
    }

    /** The runtime's verifier of one kind, looked up at each check. */
    private final class Deferred implements ActionVerifier {
        private final ActionKind kind;
        private final Function<PegRuntime, ActionVerifier> pick;

        Deferred(ActionKind kind, Function<PegRuntime, ActionVerifier> pick) {
            this.kind = kind;
            this.pick = pick;
        }

        @Override
        public ActionKind kind() {
            return kind;
        }

        @Override
        public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
            PegRuntime r = state.runtime().orElseThrow(() -> refuse("the peg does not run on this member yet"));
            return pick.apply(r).approve(encodedAction);
        }
    }
}
