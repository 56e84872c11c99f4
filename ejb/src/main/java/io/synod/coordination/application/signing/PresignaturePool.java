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
        for (Presignature p : available.values()) {
            long n = java.util.Arrays.stream(p.publicPart().signers().indices()).filter(likelyOnline::contains)
                    .count();
            if (n >= quorum) {
                return Optional.of(p.publicPart().id());
            }
        }
        return Optional.empty();
    }

    /** A proposal named this presignature: it leaves the pool; the share is kept only for that proposal. */
    void markNamed(byte[] id) {
        String k = key(id);
        Presignature p = available.remove(k);
        if (p != null) {
            named.put(k, p);
        } else if (!named.containsKey(k)) {
            // Another member finished the presigning session first and already proposed with it.
            namedEarly.add(k);
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
