package io.synod.peg.domain.jobs;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.peg.domain.pegout.ActionBytes;

/** Relay {@code headers} (consecutive 80-byte Bitcoin headers) extending {@code parentHash} (display order). */
public record HeaderRelayAction(String contract, byte[] parentHash, byte[] headers, long epoch)
        implements SignableAction {

    public static final int MAX_HEADERS = 100;

    public HeaderRelayAction {
        if (contract == null || !contract.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("header relay: not a contract address");
        }
        if (parentHash == null || parentHash.length != 32 || headers == null || headers.length == 0
                || headers.length % 80 != 0 || headers.length / 80 > MAX_HEADERS || epoch < 1) {
            throw new IllegalArgumentException("header relay: 1.." + MAX_HEADERS + " whole headers after a 32-byte parent");
        }
        contract = contract.toLowerCase(Locale.ROOT);
        parentHash = parentHash.clone();
        headers = headers.clone();
    }

    @Override
    public ActionKind kind() {
        return ActionKind.HEADER_RELAY;
    }

    @Override
    public byte[] parentHash() {
        return parentHash.clone();
    }

    @Override
    public byte[] headers() {
        return headers.clone();
    }

    public int count() {
        return headers.length / 80;
    }

    @Override
    public byte[] encode() {
        return new ActionBytes().fixed(HexFormat.of().parseHex(contract.substring(2)), 20).fixed(parentHash, 32)
                .i64(epoch).bytes(headers).toByteArray();
    }

    public static HeaderRelayAction decode(byte[] encoded) {
        ActionBytes.Reader r = new ActionBytes.Reader(encoded, "header relay");
        String contract = "0x" + HexFormat.of().formatHex(r.fixed(20));
        byte[] parent = r.fixed(32);
        long epoch = r.i64();
        byte[] headers = r.bytes(MAX_HEADERS * 80);
        r.end();
        return new HeaderRelayAction(contract, parent, headers, epoch);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderRelayAction a && Arrays.equals(a.encode(), encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
