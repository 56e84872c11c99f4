package io.synod.membership.application;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import io.synod.coordination.domain.signing.ActionKind;
import io.synod.coordination.domain.signing.SignableAction;
import io.synod.membership.domain.EpochRecord;
import io.synod.shared.domain.Outpoint;

/**
 * The group (of the current epoch) authorises the registry to start {@code next}. Encoding: registry (20) ‖ epoch
 * (8) ‖ group key (64) ‖ t (2) ‖ n (2) ‖ n × (member (20) ‖ stake txid (32, internal order) ‖ vout (4)).
 */
public record EpochRotationAction(String registry, EpochRecord next) implements SignableAction {
    public EpochRotationAction {
        if (registry == null || !registry.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("registry must be an address");
        }
        registry = registry.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public ActionKind kind() {
        return ActionKind.EPOCH_ROTATION;
    }

    @Override
    public byte[] encode() {
        int n = next.members().size();
        ByteBuffer b = ByteBuffer.allocate(20 + 8 + 64 + 2 + 2 + n * 56).put(hex(registry)).putLong(next.epoch())
                .put(next.groupPublicKey()).putShort((short) next.threshold()).putShort((short) n);
        for (int i = 0; i < n; i++) {
            Outpoint s = next.stakes().get(i);
            b.put(hex(next.members().get(i))).put(s.txid()).putInt(s.vout());
        }
        return b.array();
    }

    public static EpochRotationAction decode(byte[] b) {
        if (b.length < 96) {
            throw new IllegalArgumentException("epoch rotation too short");
        }
        ByteBuffer in = ByteBuffer.wrap(b);
        byte[] registry = new byte[20];
        byte[] key = new byte[64];
        in.get(registry);
        long epoch = in.getLong();
        in.get(key);
        int t = in.getShort() & 0xFFFF;
        int n = in.getShort() & 0xFFFF;
        if (n == 0 || b.length != 96 + n * 56) {
            throw new IllegalArgumentException("epoch rotation length does not match its member count");
        }
        List<String> members = new ArrayList<>();
        List<Outpoint> stakes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] m = new byte[20];
            byte[] txid = new byte[32];
            in.get(m).get(txid);
            members.add("0x" + HexFormat.of().formatHex(m));
            stakes.add(new Outpoint(txid, in.getInt()));
        }
        return new EpochRotationAction("0x" + HexFormat.of().formatHex(registry),
                new EpochRecord(epoch, key, t, members, stakes));
    }

    private static byte[] hex(String address) {
        return HexFormat.of().parseHex(address.substring(2));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EpochRotationAction a && Arrays.equals(a.encode(), encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
