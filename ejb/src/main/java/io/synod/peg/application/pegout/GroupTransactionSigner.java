package io.synod.peg.application.pegout;

import java.time.Duration;
import java.util.function.IntFunction;

import io.synod.chain.bitcoin.EcdsaSignature;
import io.synod.chain.bitcoin.TransactionSigner;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.coordination.domain.signing.SigningFailed;

/**
 * The group as a bitcoinj-side {@link TransactionSigner}: each input's signature is a group signature over the
 * action for that input, which every member checks and turns into the digest itself. The sighash the builder
 * computed is not sent: {@code PayoutBuilder.sign} verifies the returned signature against it, so a group that
 * signed anything else is caught before the witness is built.
 */
final class GroupTransactionSigner implements TransactionSigner {

    /** A signing failure carried through the builder's callback. */
    static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(SigningFailed cause) {
            super(cause.getMessage(), cause);
        }

        SigningFailed signingFailed() {
            return (SigningFailed) getCause();
        }
    }

    private final GroupSigning signing;
    private final IntFunction<SignableAction> actionForInput;
    private final Duration timeout;

    GroupTransactionSigner(GroupSigning signing, IntFunction<SignableAction> actionForInput, Duration timeout) {
        this.signing = signing;
        this.actionForInput = actionForInput;
        this.timeout = timeout;
    }

    @Override
    public byte[] publicKey() {
        return signing.groupPublicKey();
    }

    @Override
    public EcdsaSignature sign(SigningRequest request) {
        try {
            GroupSignature sig = signing.sign(actionForInput.apply(request.inputIndex()), timeout);
            return new EcdsaSignature(sig.r(), sig.s());
        } catch (SigningFailed e) {
            throw new Failed(e);
        }
    }
}
