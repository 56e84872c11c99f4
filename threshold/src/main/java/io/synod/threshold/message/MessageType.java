package io.synod.threshold.message;

/** Message kinds with their fixed round numbers (the round is in every header and in the ECIES AD). */
public enum MessageType {
    DKG_DEALING(1, 1), DKG_COMPLAINT(2, 2), DKG_FELDMAN(3, 3), DKG_FELDMAN_COMPLAINT(4, 4),
    PRESIGN_DEALING(5, 1), PRESIGN_COMPLAINT(6, 2), PRESIGN_PRODUCT(7, 3),
    PARTIAL_SIGNATURE(8, 1),
    RESHARE_DEALING(9, 1), RESHARE_COMPLAINT(10, 2),
    DKG_REVEAL(11, 5);

    public final int code;
    public final int round;

    MessageType(int code, int round) {
        this.code = code;
        this.round = round;
    }

    public static MessageType of(int code) {
        for (MessageType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
