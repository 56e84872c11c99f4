package io.synod.membership.application;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;

import io.synod.threshold.evidence.EquivocationEvidence;
import io.synod.threshold.evidence.Evidence;
import io.synod.threshold.evidence.InvalidPartialEvidence;
import io.synod.threshold.evidence.InvalidProductEvidence;
import io.synod.threshold.evidence.InvalidShareEvidence;
import io.synod.threshold.evidence.MalformedMessageEvidence;
import io.synod.threshold.evidence.WrongConstantEvidence;
import io.synod.threshold.message.SignedEnvelope;

/**
 * What a conviction keeps of its evidence: the signed envelopes it rests on, as they were posted (each payload and
 * identity signature, length-prefixed, after a tag naming the kind of evidence). The envelopes are what nobody but
 * their signers could have made; the public context to check them again (session configuration, commitments) is on
 * the board and in the registry.
 */
public final class EvidenceBytes {
    private EvidenceBytes() {
    }

    public static byte[] of(Evidence e) {
        List<SignedEnvelope> envelopes;
        if (e instanceof InvalidShareEvidence s) {
            envelopes = List.of(s.dealing(), s.complaint());
        } else if (e instanceof EquivocationEvidence q) {
            envelopes = List.of(q.first(), q.second());
        } else if (e instanceof InvalidPartialEvidence p) {
            envelopes = List.of(p.partial());
        } else if (e instanceof InvalidProductEvidence p) {
            envelopes = List.of(p.product());
        } else if (e instanceof WrongConstantEvidence w) {
            envelopes = List.of(w.dealing());
        } else {
            envelopes = List.of(((MalformedMessageEvidence) e).envelope());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] tag = e.getClass().getSimpleName().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        out.write(tag.length);
        out.writeBytes(tag);
        for (SignedEnvelope env : envelopes) {
            write(out, env.payload());
            write(out, env.signature());
        }
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, byte[] b) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
        out.writeBytes(b);
    }
}
