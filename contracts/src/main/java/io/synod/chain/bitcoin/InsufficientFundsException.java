package io.synod.chain.bitcoin;

/** The group's UTXOs cannot cover the payouts and the fee. */
public class InsufficientFundsException extends IllegalStateException {

    public InsufficientFundsException(Satoshis needed, Satoshis available) {
        super("need " + needed + " but the group's coins hold " + available);
    }
}
