package io.synod.coordination.application.reshare;

/** Why the key is reshared; each kind fixes who deals and who receives. */
public enum ReshareKind {
    /** Old set deals to old set + the admitted candidate. */
    JOIN,
    /** Old set (the leaver included: it still holds a share and cooperates) deals to old set - leaver. */
    LEAVE,
    /** Old set - culprit deals to old set - culprit: a convicted member contributes nothing and receives nothing. */
    EXCLUSION
}
