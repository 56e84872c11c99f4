package io.synod.coordination.application;

import java.nio.ByteBuffer;
import java.security.SecureRandom;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * A session's randomness as a deterministic stream, HMAC-SHA256(seed, counter): a member that restarts with the
 * same seed and replays the same board log regenerates exactly the messages it already posted, instead of dealing
 * a second, different polynomial (which would be equivocation). The seed itself comes from a real CSPRNG and is
 * kept secret with the session checkpoint.
 */
public final class SessionRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final transient HMac mac = new HMac(new SHA256Digest());
    private long counter;

    public SessionRandom(byte[] seed) {
        super(new byte[0]);
        mac.init(new KeyParameter(seed));
    }

    @Override
    public synchronized void nextBytes(byte[] out) {
        byte[] block = new byte[32];
        for (int off = 0; off < out.length; off += 32) {
            mac.update(ByteBuffer.allocate(8).putLong(counter++).array(), 0, 8);
            mac.doFinal(block, 0);
            System.arraycopy(block, 0, out, off, Math.min(32, out.length - off));
        }
        java.util.Arrays.fill(block, (byte) 0);
    }

    @Override
    public void setSeed(long seed) {
        // The stream is fixed by the session seed; the constructor of SecureRandom calls this, later calls are refused.
        if (mac != null) {
            throw new UnsupportedOperationException("session randomness cannot be reseeded");
        }
    }

    @Override
    public void setSeed(byte[] seed) {
        if (mac != null) {
            throw new UnsupportedOperationException("session randomness cannot be reseeded");
        }
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        byte[] b = new byte[numBytes];
        nextBytes(b);
        return b;
    }

    @Override
    public String toString() {
        return "SessionRandom[seed redacted]";
    }
}
