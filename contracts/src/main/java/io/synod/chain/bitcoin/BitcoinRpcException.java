package io.synod.chain.bitcoin;

/** A JSON-RPC call the node answered with an error (code and message as the node gave them) or could not answer. */
public class BitcoinRpcException extends RuntimeException {

    /** Bitcoin Core's and bcoin's code for "no such transaction / block / mempool entry". */
    public static final int NOT_FOUND = -5;

    private final String method;
    private final int code;

    public BitcoinRpcException(String method, int code, String message, Throwable cause) {
        super(method + " failed (" + code + "): " + message, cause);
        this.method = method;
        this.code = code;
    }

    public String method() {
        return method;
    }

    public int code() {
        return code;
    }

    /** The node's own message, without the method prefix. */
    public String nodeMessage() {
        String m = getMessage();
        return m.substring(m.indexOf("): ") + 3);
    }
}
