package io.synod.membership.application.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

import io.synod.coordination.application.signing.SigningContext;
import io.synod.coordination.application.signing.VerifierSource;
import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.ActionRefused;
import io.synod.coordination.domain.signing.ActionVerifier;
import io.synod.coordination.domain.signing.SigningTarget;
import io.synod.membership.application.ConfiscationRecordVerifier;
import io.synod.membership.application.StakeSpendVerifier;
import io.synod.membership.domain.MembershipBook;
import io.synod.membership.infrastructure.evm.EvmMembershipRegistry;

/**
 * This member's checks of confiscations, contributed to its signing core: the move of a convicted member's stake to
 * the forfeiture output ({@link StakeSpendVerifier.Confiscation}) and its record on the registry
 * ({@link ConfiscationRecordVerifier}), each against this member's own book of convictions, its own Bitcoin node
 * and the registry. Until the contracts are recorded (or without a Bitcoin node or a forfeiture address) both kinds
 * are refused.
 */
@ApplicationScoped
public class MisbehaviourVerifiers implements VerifierSource {

    /** The server's book (MembershipStorage's local view: each call in its own transaction). */
    @EJB(beanName = "MembershipStorage")
    private MembershipBook book;

    @Override
    public List<ActionVerifier> verifiers(SigningContext context) {
        MisbehaviourSettings s = MisbehaviourSettings.fromSystemProperties();
        Supplier<Optional<EvmMembershipRegistry>> registry = () -> context.contracts().get()
                .map(a -> new EvmMembershipRegistry(context.sidechain(), a.registry()));
        return List.of(
                new Deferred(ActionKind.CONFISCATION_INPUT, () -> registry.get().flatMap(r -> context.bitcoin()
                        .flatMap(btc -> s.forfeitureScript().map(f -> new StakeSpendVerifier.Confiscation(r, book,
                                btc, context.groupKey33(), s.maxFee(), f))))),
                new Deferred(ActionKind.CONFISCATION_RECORD, () -> registry.get().flatMap(r -> context.bitcoin()
                        .flatMap(btc -> s.forfeitureScript().map(f -> new ConfiscationRecordVerifier(r, book, btc, f,
                                s.confirmations()))))));
    }

    /** A verifier that exists once this member's view has what it needs; until then its kind is refused. */
    private record Deferred(ActionKind kind, Supplier<Optional<? extends ActionVerifier>> verifier)
            implements ActionVerifier {
        @Override
        public SigningTarget approve(byte[] encodedAction) throws ActionRefused {
            ActionVerifier v = verifier.get().orElseThrow(() -> refuse("this member cannot check " + kind
                    + " yet: no recorded registry, Bitcoin node or forfeiture address"));
            return v.approve(encodedAction);
        }
    }
}
