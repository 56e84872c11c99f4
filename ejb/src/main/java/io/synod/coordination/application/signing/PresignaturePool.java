package io.synod.coordination.application.signing;

import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.synod.threshold.presign.Presignature;
import io.synod.threshold.presign.PresignaturePublic;

/**
 * One member's presignatures, in memory only. A presignature is a use-once secret: it is never written anywhere,
 * and a restart discards the pool (the member then contributes again from the next presigning session on). An
 * entry leaves the pool for good as soon as any proposal on the board names it, whoever proposed and whether or
 * not this member contributes; the public records stay known so partial signatures can be checked.
 */
final class PresignaturePool {
    private final Map<String, Presignature> available = new LinkedHashMap<>();
    private final Map<String, Presignature> named = new LinkedHashMap<>();
    private final Map<String, PresignaturePublic> publics = new LinkedHashMap<>();
    /** Ids named by a proposal read before this member finished the presigning session that makes them. */
    private final java.util.Set<String> namedEarly = new java.util.HashSet<>();
    private static final int KEEP_PUBLIC = 4096;
    /**
     * Every id a proposal named, in board order (bounded): a second proposal naming one of them is refused by every
     * member alike, so two proposers racing for one presignature cost a re-proposal, never a session failed at its
     * deadline (nor two messages signed with one nonce).
     */
    private final java.util.LinkedHashSet<String> everNamed = new java.util.LinkedHashSet<>();
    private static final int KEEP_NAMED = 16_384;

    static String key(byte[] id) {
        return HexFormat.of().formatHex(id);
    }

    void add(Presignature p) {
        String k = key(p.publicPart().id());
        if (namedEarly.remove(k)) {
            named.put(k, p);
        } else {
            available.put(k, p);
        }
        publics.put(k, p.publicPart());
        while (publics.size() > KEEP_PUBLIC) {
            Iterator<String> it = publics.keySet().iterator();
            it.next();
            it.remove();
        }
    }

    int size() {
        return available.size();
    }

    /** The oldest presignature whose signer set has at least {@code quorum} members in {@code likelyOnline}. */
    Optional<byte[]> pick(Set<Integer> likelyOnline, int quorum) {
        return pick(likelyOnline, quorum, 0, 1);
    }

    /**
     * As above, preferring the presignatures of this proposer's lane: the one whose id hashes to {@code lane} modulo
     * {@code lanes} (members proposing at once then mostly pick different ones); any usable one if its lane is empty.
     */
    Optional<byte[]> pick(Set<Integer> likelyOnline, int quorum, int lane, int lanes) {
        Optional<byte[]> any = Optional.empty();
        for (Presignature p : available.values()) {
            long n = java.util.Arrays.stream(p.publicPart().signers().indices()).filter(likelyOnline::contains)
                    .count();
            if (n < quorum) {
                continue;
            }
            byte[] id = p.publicPart().id();
            if (Math.floorMod(java.util.Arrays.hashCode(id), lanes) == lane) {
                return Optional.of(id);
            }
            if (any.isEmpty()) {
                any = Optional.of(id);
            }
        }
        return any;
    }

    /**
     * A proposal named this presignature: it leaves the pool; the share is kept only for that proposal. False if an
     * earlier proposal already named it (the later one must not use it).
     */
    boolean markNamed(byte[] id) {
        String k = key(id);
        if (!everNamed.add(k)) {
            return false;
        }
        while (everNamed.size() > KEEP_NAMED) {
            Iterator<String> it = everNamed.iterator();
            it.next();
            it.remove();
        }
        Presignature p = available.remove(k);
        if (p != null) {
            named.put(k, p);
        } else if (!named.containsKey(k)) {
            // Another member finished the presigning session first and already proposed with it.
            namedEarly.add(k);
        }
        return true;
    }

    /**
     * This member just posted a proposal naming it: it leaves the available ones at once (not picked twice), and is
     * named for good when the proposal is read back from the board in its turn.
     */
    void reserve(byte[] id) {
        String k = key(id);
        Presignature p = available.remove(k);
        if (p != null) {
            named.put(k, p);
        }
    }

    /** The share for the one session that named it; empty if this member never had it or already used it. */
    Optional<Presignature> take(byte[] id) {
        return Optional.ofNullable(named.remove(key(id)));
    }

    Optional<PresignaturePublic> publicPart(byte[] id) {
        return Optional.ofNullable(publics.get(key(id)));
    }

    /** Wipes every secret (shutdown, epoch change). */
    void discardAll() {
        available.values().forEach(PresignaturePool::wipe);
        named.values().forEach(PresignaturePool::wipe);
        available.clear();
        named.clear();
    }

    private static void wipe(Presignature p) {
        if (!p.isConsumed()) {
            p.consume();
        }
    }

    @Override
    public String toString() {
        return "PresignaturePool[" + available.size() + " available, secrets redacted]";
    }
}
