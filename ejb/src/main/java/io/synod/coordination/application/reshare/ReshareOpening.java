package io.synod.coordination.application.reshare;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.math.ec.ECPoint;

import io.synod.shared.domain.SessionId;
import io.synod.threshold.math.Hashing;
import io.synod.threshold.math.Secp256k1;

/**
 * The frame a member posts on the membership channel of an epoch to open the one resharing that epoch ends with:
 * its kind, its subject (the candidate, the leaver or the excluded member) and the current sharing's Feldman
 * commitments (t+1 points; the constant one is the group key), which a candidate holds no share to know them by.
 * The first valid opening on the channel, posted by a member of the epoch, fixes the session: its block is the
 * session's start block, so every member derives the same {@link ReshareSession} without further talk. Each member
 * still decides for itself whether to take part (a stake it verified, a leave the registry records, an exclusion
 * its own book decided, commitments equal to its own).
 *
 * <p>Encoding: version (1) ‖ kind (1) ‖ subject address (20) ‖ count (1) ‖ count × compressed point (33).
 */
public record ReshareOpening(ReshareKind kind, String subject, List<ECPoint> commitments) {
    public static final int ROUND = 1;
    private static final byte VERSION = 1;

    public ReshareOpening {
        if (subject == null || !subject.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("subject must be an address");
        }
        if (commitments.isEmpty() || commitments.size() > 255) {
            throw new IllegalArgumentException("1..255 commitments");
        }
        subject = subject.toLowerCase(Locale.ROOT);
        commitments = commitments.stream().map(ECPoint::normalize).toList();
    }

    /** The membership channel of one epoch of one registry: where its resharing is opened. */
    public static SessionId channel(String registry, long epoch) {
        return new SessionId(Hashing.hash("SYNOD/membership/channel/v1",
                registry.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8),
                ByteBuffer.allocate(8).putLong(epoch).array()));
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(1 + 1 + 20 + 1 + 33 * commitments.size()).put(VERSION)
                .put((byte) kind.ordinal()).put(HexFormat.of().parseHex(subject.substring(2)))
                .put((byte) commitments.size());
        commitments.forEach(p -> b.put(Secp256k1.encode(p)));
        return b.array();
    }

    /** Strict decode: version, known kind, exact length, every commitment a valid point. */
    public static ReshareOpening decode(byte[] b) {
        if (b.length < 23 + 33 || b[0] != VERSION) {
            throw new IllegalArgumentException("not a resharing opening");
        }
        int kind = b[1] & 0xFF;
        if (kind >= ReshareKind.values().length) {
            throw new IllegalArgumentException("unknown resharing kind " + kind);
        }
        byte[] subject = java.util.Arrays.copyOfRange(b, 2, 22);
        int n = b[22] & 0xFF;
        if (n == 0 || b.length != 23 + 33 * n) {
            throw new IllegalArgumentException("opening length does not match its commitment count");
        }
        List<ECPoint> cs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] p = java.util.Arrays.copyOfRange(b, 23 + 33 * i, 23 + 33 * (i + 1));
            cs.add(Secp256k1.tryDecode(p).orElseThrow(() -> new IllegalArgumentException("commitment not a point")));
        }
        return new ReshareOpening(ReshareKind.values()[kind], "0x" + HexFormat.of().formatHex(subject), cs);
    }
}
