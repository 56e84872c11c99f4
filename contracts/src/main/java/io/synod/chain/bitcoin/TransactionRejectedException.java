package io.synod.chain.bitcoin;

/** The node did not accept a transaction; {@link #reason()} is the node's own reason where it gives one. */
public class TransactionRejectedException extends RuntimeException {

    private final Txid txid;
    private final String reason;

    public TransactionRejectedException(Txid txid, String reason) {
        super("transaction " + txid + " rejected: " + reason);
        this.txid = txid;
        this.reason = reason;
    }

    public Txid txid() {
        return txid;
    }

    public String reason() {
        return reason;
    }
}
