package io.synod.threshold.presign;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicBoolean;

import io.synod.threshold.ThresholdException;
import io.synod.threshold.math.SecretScalar;

/**
 * A member's presignature: the public record and its secret share k⁻¹_i. The secret can be taken exactly once
 * ({@link #consume()}); the state flips to consumed before the secret is handed out, so a failure later in
 * signing can never lead to a second use, and the stored secret is wiped on the way out.
 */
public final class Presignature {
    private final PresignaturePublic publicPart;
    private final int member;
    private final SecretScalar kInvShare;
    private final AtomicBoolean consumed = new AtomicBoolean();

    public Presignature(PresignaturePublic publicPart, int member, BigInteger kInvShare) {
        this.publicPart = publicPart;
        this.member = member;
        this.kInvShare = new SecretScalar(kInvShare);
    }

    public PresignaturePublic publicPart() {
        return publicPart;
    }

    public int member() {
        return member;
    }

    public boolean isConsumed() {
        return consumed.get();
    }

    /** Marks consumed, then returns k⁻¹_i; the second call fails whatever happened to the first. */
    public BigInteger consume() {
        if (!consumed.compareAndSet(false, true)) {
            throw new PresignatureConsumedException();
        }
        BigInteger v = kInvShare.value();
        kInvShare.wipe();
        return v;
    }

    @Override
    public String toString() {
        return "Presignature[" + publicPart + ", member " + member + ", consumed " + consumed.get() + ", secret redacted]";
    }

    public static final class PresignatureConsumedException extends ThresholdException {
        public PresignatureConsumedException() {
            super("presignature already consumed");
        }
    }
}
