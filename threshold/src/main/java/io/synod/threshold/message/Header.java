package io.synod.threshold.message;

import java.util.Arrays;

import io.synod.threshold.sharing.MemberIndex;

/** Common header: version, type, session id (32 bytes), round, sender index. */
public record Header(MessageType type, byte[] sessionId, int sender) {
    public static final int VERSION = 1;
    public static final int BYTES = 1 + 1 + 32 + 1 + 2;

    public Header {
        if (sessionId.length != 32) {
            throw new IllegalArgumentException("session id must be 32 bytes");
        }
        sessionId = sessionId.clone();
        MemberIndex.of(sender);
    }

    public int round() {
        return type.round;
    }

    @Override
    public byte[] sessionId() {
        return sessionId.clone();
    }

    /** Associated data for a private payload from this header's sender to a recipient. */
    public byte[] associatedData(int recipient) {
        byte[] ad = new byte[32 + 1 + 2 + 2];
        System.arraycopy(sessionId, 0, ad, 0, 32);
        ad[32] = (byte) type.round;
        ad[33] = (byte) (sender >>> 8);
        ad[34] = (byte) sender;
        ad[35] = (byte) (recipient >>> 8);
        ad[36] = (byte) recipient;
        return ad;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Header h && h.type == type && h.sender == sender && Arrays.equals(h.sessionId, sessionId);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sessionId) * 31 + type.hashCode() * 7 + sender;
    }

    @Override
    public String toString() {
        return "Header[" + type + ", round " + type.round + ", sender " + sender + "]";
    }
}
