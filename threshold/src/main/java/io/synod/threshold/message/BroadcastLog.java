package io.synod.threshold.message;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.synod.threshold.evidence.EquivocationEvidence;

/**
 * A pure in-memory ordered broadcast log, the in-process stand-in for the sidechain channel. Every posted
 * envelope is decoded strictly and its signature checked before it is stored; a second, different envelope
 * for an occupied (session, type, round, sender) slot is not stored and yields equivocation evidence.
 */
public final class BroadcastLog {
    private final SignatureVerifier identities;
    private final Map<String, SignedEnvelope> bySlot = new HashMap<>();
    private final List<SignedEnvelope> ordered = new ArrayList<>();

    public BroadcastLog(SignatureVerifier identities) {
        this.identities = identities;
    }

    /** What a post produced: the decoded message (decoded once, here) and any equivocation it revealed. */
    public record Posted(ThresholdMessage message, Optional<EquivocationEvidence> equivocation) {
    }

    public synchronized Optional<EquivocationEvidence> post(SignedEnvelope e, SessionContext ctx)
            throws DecodeException {
        return submit(e, ctx).equivocation();
    }

    /** Decodes strictly, checks the signature, detects equivocation, stores; returns the decoded message. */
    public synchronized Posted submit(SignedEnvelope e, SessionContext ctx) throws DecodeException {
        ThresholdMessage m = e.open(ctx, identities);
        String key = java.util.HexFormat.of().formatHex(e.slot());
        SignedEnvelope prior = bySlot.get(key);
        if (prior != null) {
            if (java.util.Arrays.equals(prior.payload(), e.payload())) {
                return new Posted(m, Optional.empty());
            }
            return new Posted(m, Optional.of(new EquivocationEvidence(prior, e)));
        }
        bySlot.put(key, e);
        ordered.add(e);
        return new Posted(m, Optional.empty());
    }

    public synchronized List<SignedEnvelope> entries() {
        return List.copyOf(ordered);
    }
}
