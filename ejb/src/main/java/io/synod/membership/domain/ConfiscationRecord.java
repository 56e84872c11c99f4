package io.synod.membership.domain;

import java.util.Arrays;
import java.util.Locale;

import io.synod.shared.domain.Outpoint;

/**
 * The group's record on the registry that {@code member}'s stake was confiscated: the stake outpoint, the Bitcoin
 * transaction (display txid, lowercase hex) that moved it to the forfeiture output, the hash of the evidence that
 * convicted the member ({@link Conviction#evidenceHash()}), and the epoch whose group signed it.
 */
public record ConfiscationRecord(String member, Outpoint stake, String confiscationTxid, byte[] evidenceHash,
        long epoch) {
    public ConfiscationRecord {
        if (member == null || !member.matches("0x[0-9a-fA-F]{40}")) {
            throw new IllegalArgumentException("member must be an address");
        }
        if (confiscationTxid == null || !confiscationTxid.matches("[0-9a-f]{64}") || confiscationTxid.matches("0+")) {
            throw new IllegalArgumentException("confiscation txid must be 64 lowercase hex digits, not zero");
        }
        if (evidenceHash.length != 32 || Arrays.equals(evidenceHash, new byte[32])) {
            throw new IllegalArgumentException("evidence hash must be 32 bytes, not zero");
        }
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be at least 1");
        }
        member = member.toLowerCase(Locale.ROOT);
        evidenceHash = evidenceHash.clone();
    }

    @Override
    public byte[] evidenceHash() {
        return evidenceHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfiscationRecord c && c.member.equals(member) && c.stake.equals(stake)
                && c.confiscationTxid.equals(confiscationTxid) && Arrays.equals(c.evidenceHash, evidenceHash)
                && c.epoch == epoch;
    }

    @Override
    public int hashCode() {
        return member.hashCode() * 31 + confiscationTxid.hashCode();
    }
}
