package io.synod.peg.domain.pegin;

/**
 * Where one deposit outpoint is. CONFIRMED and everything after it are set from chain evidence only (a
 * confirmation seen by the follower, a Minted event or {@code isMinted}, a confirmed sweep), never from a
 * submission having been made. Stored by name: never rename one.
 */
public enum PegInState {
    /** Reached its confirmations and qualifies: to be minted. */
    CONFIRMED,
    /** Qualifies but minting it now would break the one-way-bet bound: waits for stake to grow. */
    QUEUED,
    /** This member asked the group to sign the mint (persisted before signing). */
    AUTHORISING,
    /** The group signature is held (persisted before any submission). */
    SIGNED,
    /** A mint transaction was sent by this member; not yet seen mined. */
    SUBMITTED,
    /** The sidechain shows the outpoint minted (isMinted and the Minted event). */
    MINTED,
    /** Swept into the group's main output, the sweep confirmed. */
    SWEPT,
    /** Confirmed payment that does not qualify (amount out of range): listed for operators, never minted. */
    NON_QUALIFYING,
    /** Its refund timelock came too close before it was minted: left to the depositor's refund, never minted. */
    TOO_LATE,
    /** The block that held it left the best chain; a later confirmation of the same outpoint revives it. */
    REORGED,
    /**
     * A non-qualifying or too-late deposit the group returned to its depositor's refund key by group decision; set
     * once the refund transaction is in a block (chain evidence), never when it is sent.
     */
    REFUNDED;

    /** Whether a mint of this deposit may still be authorised or submitted. */
    public boolean mintable() {
        return this == CONFIRMED || this == QUEUED || this == AUTHORISING || this == SIGNED || this == SUBMITTED;
    }

    /** A confirmed payment that will never be minted: listed for operators, refundable by group decision. */
    public boolean refundable() {
        return this == NON_QUALIFYING || this == TOO_LATE;
    }

    /** A mint decided but not yet seen on the sidechain: its value already counts against the guard's bound. */
    public boolean inFlight() {
        return this == AUTHORISING || this == SIGNED || this == SUBMITTED;
    }
}
