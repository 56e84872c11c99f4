package io.synod.chain.bitcoin.deposit;

/** A script is not a canonical Synod deposit script; {@link #offset()} is the byte where the template broke. */
public class DepositScriptException extends IllegalArgumentException {

    private final int offset;
    private final String reason;

    public DepositScriptException(int offset, String reason) {
        super("not a deposit script: at byte " + offset + ": " + reason);
        this.offset = offset;
        this.reason = reason;
    }

    public int offset() {
        return offset;
    }

    public String reason() {
        return reason;
    }
}
