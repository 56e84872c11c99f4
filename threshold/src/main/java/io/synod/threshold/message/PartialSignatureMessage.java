package io.synod.threshold.message;

import java.math.BigInteger;
import java.util.Arrays;

/** Online signing: the signer's partial s_i for the presignature with the given id. */
public record PartialSignatureMessage(Header header, byte[] presignatureId, BigInteger s) implements ThresholdMessage {
    public PartialSignatureMessage {
        if (presignatureId.length != 32) {
            throw new IllegalArgumentException("presignature id must be 32 bytes");
        }
        presignatureId = presignatureId.clone();
    }

    @Override
    public byte[] presignatureId() {
        return presignatureId.clone();
    }

    @Override
    public byte[] encode() {
        return new Wire.Writer().header(header).raw(presignatureId).scalar(s).toBytes();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PartialSignatureMessage p && p.header.equals(header) && Arrays.equals(p.presignatureId,
                presignatureId) && p.s.equals(s);
    }

    @Override
    public int hashCode() {
        return header.hashCode() ^ s.hashCode();
    }
}
