package io.synod.membership.domain;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

import io.synod.shared.domain.Outpoint;

/**
 * The confiscation of one member's stake as this member follows it: the stake outpoint, the hash of the evidence
 * that convicted it, the state and, once built, the Bitcoin transaction moving the stake to the forfeiture output
 * (display txid).
 */
public record Confiscation(String member, Outpoint stake, byte[] evidenceHash, ConfiscationState state,
        Optional<String> bitcoinTxid, Instant at) {
    public Confiscation {
        at = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS); // what PostgreSQL keeps
        member = member.toLowerCase(Locale.ROOT);
        if (evidenceHash.length != 32) {
            throw new IllegalArgumentException("evidence hash must be 32 bytes");
        }
        if (state != ConfiscationState.PENDING && bitcoinTxid.isEmpty()) {
            throw new IllegalArgumentException(state + " needs the confiscation transaction id");
        }
        bitcoinTxid.ifPresent(t -> {
            if (!t.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("txid must be 64 lowercase hex digits");
            }
        });
        evidenceHash = evidenceHash.clone();
    }

    public static Confiscation pending(Conviction c, Outpoint stake, Instant at) {
        return new Confiscation(c.culprit(), stake, c.evidenceHash(), ConfiscationState.PENDING, Optional.empty(), at);
    }

    /** The same confiscation moved to {@code next} (never backwards) with the transaction that moved the stake. */
    public Confiscation advance(ConfiscationState next, String txid, Instant when) {
        if (next.compareTo(state) <= 0) {
            throw new IllegalStateException("confiscation of " + member + " is " + state + ", cannot go to " + next);
        }
        if (bitcoinTxid.isPresent() && !bitcoinTxid.get().equals(txid)) {
            throw new IllegalStateException("confiscation of " + member + " is by " + bitcoinTxid.get() + ", not " + txid);
        }
        return new Confiscation(member, stake, evidenceHash, next, Optional.of(txid), when);
    }

    /** Whether {@code next} may replace this one: forward only, same stake and evidence, same transaction. */
    public boolean mayBecome(Confiscation next) {
        return next.member.equals(member) && next.state.compareTo(state) > 0 && next.stake.equals(stake)
                && Arrays.equals(next.evidenceHash, evidenceHash)
                && (bitcoinTxid.isEmpty() || bitcoinTxid.equals(next.bitcoinTxid));
    }

    @Override
    public byte[] evidenceHash() {
        return evidenceHash.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Confiscation c && c.member.equals(member) && c.stake.equals(stake)
                && Arrays.equals(c.evidenceHash, evidenceHash) && c.state == state && c.bitcoinTxid.equals(bitcoinTxid)
                && c.at.equals(at);
    }

    @Override
    public int hashCode() {
        return member.hashCode() * 31 + state.hashCode();
    }
}
