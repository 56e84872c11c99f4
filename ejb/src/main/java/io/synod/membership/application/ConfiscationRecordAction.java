package io.synod.membership.application;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.membership.domain.ConfiscationRecord;
import io.synod.shared.domain.Outpoint;

/**
 * The group records on the registry that a member's stake was confiscated. Encoding (148 bytes): registry (20) ‖
 * member (20) ‖ stake txid (32, internal order) ‖ stake vout (4) ‖ confiscation txid (32, display order) ‖ evidence
 * hash (32) ‖ epoch (8).
 */
public record ConfiscationRecordAction(String registry, ConfiscationRecord record) implements SignableAction {
    static final int BYTES = 148;

    public ConfiscationRecordAction {
        if (registry == null || !registry.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("registry must be an address");
        }
        registry = registry.toLowerCase(Locale.ROOT);
    }

    @Override
    public ActionKind kind() {
        return ActionKind.CONFISCATION_RECORD;
    }

    @Override
    public byte[] encode() {
        HexFormat hex = HexFormat.of();
        return ByteBuffer.allocate(BYTES).put(hex.parseHex(registry.substring(2)))
                .put(hex.parseHex(record.member().substring(2))).put(record.stake().txid())
                .putInt(record.stake().vout()).put(hex.parseHex(record.confiscationTxid())).put(record.evidenceHash())
                .putLong(record.epoch()).array();
    }

    /** Strict decode: exactly {@value #BYTES} bytes, canonical fields; IllegalArgumentException otherwise. */
    public static ConfiscationRecordAction decode(byte[] b) {
        if (b.length != BYTES) {
            throw new IllegalArgumentException("confiscation record must be " + BYTES + " bytes, not " + b.length);
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        byte[] registry = new byte[20];
        byte[] member = new byte[20];
        byte[] stakeTxid = new byte[32];
        byte[] txid = new byte[32];
        byte[] evidence = new byte[32];
        in.get(registry).get(member).get(stakeTxid);
        int vout = in.getInt();
        in.get(txid).get(evidence);
        long epoch = in.getLong();
        HexFormat hex = HexFormat.of();
        return new ConfiscationRecordAction("0x" + hex.formatHex(registry), new ConfiscationRecord(
                "0x" + hex.formatHex(member), new Outpoint(stakeTxid, vout), hex.formatHex(txid), evidence, epoch));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfiscationRecordAction a && Arrays.equals(a.encode(), encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
