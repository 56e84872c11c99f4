package io.synod.coordination.domain.signing;

/**
 * Every kind of thing the group signs. The code is part of the board wire format (one byte before the action's
 * encoding): never renumber or reuse one; add new ones at the end.
 */
public enum ActionKind {
    /** EIP-712 mint of wrapped BTC for one deposit outpoint. */
    MINT(1),
    /** One input of a Bitcoin transaction paying a batch of redemptions. */
    REDEMPTION_PAYOUT_INPUT(2),
    /** EIP-712 completion record of a redemption on the sidechain. */
    REDEMPTION_COMPLETION(3),
    /** Liveness heartbeat: a digest that can be neither a Bitcoin sighash nor an EIP-712 digest. */
    HEARTBEAT(4),
    /** EIP-712 registry epoch rotation after resharing. */
    EPOCH_ROTATION(5),
    /** EIP-712 proof-of-reserves attestation. */
    RESERVE_ATTESTATION(6),
    /** EIP-712 relay of Bitcoin block headers. */
    HEADER_RELAY(7),
    /** EIP-712 confiscation record on the registry. */
    CONFISCATION_RECORD(8),
    /** EIP-712 binding of the evidence contract to the registry. */
    EVIDENCE_BINDING(9),
    /** One input of a Bitcoin transaction sweeping deposits into the group's main output. */
    SWEEP_INPUT(10),
    /** One input of a Bitcoin transaction returning a departing member's stake. */
    STAKE_RETURN_INPUT(11),
    /** One input of a Bitcoin transaction moving a convicted member's stake to the forfeiture output. */
    CONFISCATION_INPUT(12),
    /** One input of a Bitcoin transaction returning a non-qualifying payment by group decision. */
    NON_QUALIFYING_REFUND_INPUT(13);

    private final int code;

    ActionKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ActionKind ofCode(int code) {
        for (ActionKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown action kind " + code);
    }
}
