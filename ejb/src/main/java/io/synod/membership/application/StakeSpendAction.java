package io.synod.membership.application;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.shared.domain.Outpoint;
import io.synod.shared.domain.Satoshis;

/**
 * The group spends one member's stake outpoint (P2WPKH of the group key) to one output: back to the member after it
 * left ({@link ActionKind#STAKE_RETURN_INPUT}) or to the forfeiture output after a conviction
 * ({@link ActionKind#CONFISCATION_INPUT}). The transaction is fully determined by these fields (version 2, lock
 * time 0, one input with sequence 0xfffffffd, one output of value − fee), so every member rebuilds it and its BIP 143
 * sighash itself. Encoding: member (20) ‖ txid (32, internal order) ‖ vout (4) ‖ value (8) ‖ fee (8) ‖ script
 * length (2) ‖ script.
 */
public record StakeSpendAction(ActionKind kind, String member, Outpoint stake, Satoshis value, byte[] destination,
        Satoshis fee) implements SignableAction {
    public static final int MAX_SCRIPT = 64;

    public StakeSpendAction {
        if (kind != ActionKind.STAKE_RETURN_INPUT && kind != ActionKind.CONFISCATION_INPUT) {
            throw new IllegalArgumentException("not a stake spend: " + kind);
        }
        if (member == null || !member.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("member must be an address");
        }
        if (destination.length == 0 || destination.length > MAX_SCRIPT) {
            throw new IllegalArgumentException("destination script must be 1.." + MAX_SCRIPT + " bytes");
        }
        if (fee.compareTo(value) >= 0) {
            throw new IllegalArgumentException("fee " + fee + " leaves nothing of " + value);
        }
        member = member.toLowerCase(Locale.ROOT);
        destination = destination.clone();
    }

    @Override
    public byte[] destination() {
        return destination.clone();
    }

    public Satoshis output() {
        return value.minus(fee);
    }

    @Override
    public byte[] encode() {
        return ByteBuffer.allocate(20 + 32 + 4 + 8 + 8 + 2 + destination.length)
                .put(HexFormat.of().parseHex(member.substring(2))).put(stake.txid()).putInt(stake.vout())
                .putLong(value.value()).putLong(fee.value()).putShort((short) destination.length).put(destination)
                .array();
    }

    /** Strict decode: exact length, canonical fields; throws IllegalArgumentException otherwise. */
    public static StakeSpendAction decode(ActionKind kind, byte[] b) {
        if (b.length < 74) {
            throw new IllegalArgumentException("stake spend too short");
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        byte[] member = new byte[20];
        byte[] txid = new byte[32];
        in.get(member).get(txid);
        int vout = in.getInt();
        long value = in.getLong();
        long fee = in.getLong();
        int len = in.getShort() & 0xFFFF;
        if (b.length != 74 + len) {
            throw new IllegalArgumentException("stake spend length does not match its script length");
        }
        byte[] script = new byte[len];
        in.get(script);
        return new StakeSpendAction(kind, "0x" + HexFormat.of().formatHex(member), new Outpoint(txid, vout),
                new Satoshis(value), script, new Satoshis(fee));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StakeSpendAction a && a.kind == kind && Arrays.equals(a.encode(), encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
