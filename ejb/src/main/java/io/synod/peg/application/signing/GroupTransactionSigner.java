package io.synod.peg.application.signing;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.synod.chain.bitcoin.EcdsaSignature;
import io.synod.chain.bitcoin.TransactionSigner;
import io.synod.coordination.domain.signing.GroupSignature;
import io.synod.coordination.domain.signing.GroupSigning;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.coordination.domain.signing.SigningFailed;

/**
 * The group as a bitcoinj-side {@link TransactionSigner}: each input's signature is a group signature over the
 * action for that input, which every member checks and turns into the digest itself. The sighash the builder
 * computed is not sent, only compared with what the group signed, and the builder verifies the signature before
 * the witness is built. At the builder's first request every input is asked for at once
 * ({@link GroupSigning#signAll}): a sweep of twenty deposits runs its sessions side by side, not twenty in a row.
 */
public final class GroupTransactionSigner implements TransactionSigner {

    /** A signing failure carried through the builder's callback. */
    public static final class Failed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failed(SigningFailed cause) {
            super(cause.getMessage(), cause);
        }

        public SigningFailed signingFailed() {
            return (SigningFailed) getCause();
        }
    }

    private final GroupSigning signing;
    private final int inputs;
    private final IntFunction<SignableAction> actionForInput;
    private final Duration timeout;
    private List<GroupSignature> signed;

    /**
     * @param inputs         the transaction's number of inputs, all signed by the group
     * @param actionForInput the action members check for input i
     * @param timeout        the longest wait for each next input's signature
     */
    public GroupTransactionSigner(GroupSigning signing, int inputs, IntFunction<SignableAction> actionForInput,
            Duration timeout) {
        if (inputs < 1) {
            throw new IllegalArgumentException("a transaction the group signs has at least one input");
        }
        this.signing = signing;
        this.inputs = inputs;
        this.actionForInput = actionForInput;
        this.timeout = timeout;
    }

    @Override
    public byte[] publicKey() {
        return signing.groupPublicKey();
    }

    @Override
    public EcdsaSignature sign(SigningRequest request) {
        int i = request.inputIndex();
        if (i < 0 || i >= inputs) {
            throw new IllegalArgumentException("input " + i + " of a transaction with " + inputs);
        }
        try {
            if (signed == null) {
                List<GroupSignature> all = signing.signAll(IntStream.range(0, inputs).mapToObj(actionForInput)
                        .toList(), timeout);
                if (all.size() != inputs) {
                    throw new IllegalStateException(all.size() + " signatures for " + inputs + " inputs");
                }
                signed = all;
            }
        } catch (SigningFailed e) {
            throw new Failed(e);
        }
        GroupSignature sig = signed.get(i);
        if (!Arrays.equals(sig.target().digest(), request.sighash())) {
            throw new Failed(new SigningFailed("the group signed another digest for input " + i
                    + " than this member's builder computed", List.of()));
        }
        return new EcdsaSignature(sig.r(), sig.s());
    }
}
