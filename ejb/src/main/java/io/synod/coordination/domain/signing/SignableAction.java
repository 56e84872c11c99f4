package io.synod.coordination.domain.signing;

/**
 * Something the group is asked to sign, in the form every member can check for itself. Implementations are
 * immutable records; {@link #encode()} is canonical (one encoding per action) because it is posted on the board
 * and its hash names the signing session.
 */
public interface SignableAction {

    ActionKind kind();

    /** The canonical encoding, without the kind byte. */
    byte[] encode();
}
